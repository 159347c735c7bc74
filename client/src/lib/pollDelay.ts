// How often an open page asks again for progress that is still moving: soon at first, then less and less
// often while nothing changes, back to soon when something did.
export const FIRST_POLL_MS = 3000;
export const MAX_POLL_MS = 60_000;

export function nextPollDelay(previous: number): number {
  return Math.min(MAX_POLL_MS, Math.round(previous * 1.6));
}
