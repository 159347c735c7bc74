// Where a draft's device copy and its resume step are kept (read by the home page and by the wizard).
export function storageKey(id: string): string {
  return `hiring:draft:${id}`;
}

export function lastStepKey(draftId: string): string {
  return `hiring:lastStep:${draftId}`;
}
