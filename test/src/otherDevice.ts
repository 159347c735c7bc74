// The other phone of issue 19 #2: the same account saves a change to the draft's unit from another device,
// on the version it read, while the phone under test still holds the older one.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type DraftCall = (method: string, route: string, body?: unknown) => Promise<any>;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Unit = Record<string, any>;

export async function saveUnitElsewhere(call: DraftCall, draftId: string, edit: (unit: Unit) => Unit) {
  const draft = await call('GET', `/drafts/${draftId}`);
  await call('PATCH', `/drafts/${draftId}`, { version: draft.version, unit: edit(draft.application.unit) });
}
