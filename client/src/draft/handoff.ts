// What the home page (main package) and the wizard (a subpackage) share about a draft without loading the
// draft store itself: where its device copy is kept, the step to resume at, a just-created draft handed
// to the wizard, and forgetting a draft that was submitted or deleted.
import type { Draft } from '../api/types';
import { platform } from '../platform';
import type { WizardStep } from '../routes';
import { lastStepKey, storageKey } from './keys';

/** Remembers where the user was, so 继续填写 on the home page resumes there. */
export function rememberStep(draftId: string, step: WizardStep): void {
  platform().storage.set(lastStepKey(draftId), step);
}

export function lastStep(draftId: string): WizardStep {
  return platform().storage.get<WizardStep>(lastStepKey(draftId)) ?? 'unit';
}

const created = new Map<string, Draft>();

/** A draft just created on the home page: the wizard starts from it instead of fetching it again. */
export function handOver(draft: Draft): void {
  created.set(draft.id, draft);
}

export function takeHandedOver(id: string): Draft | undefined {
  const draft = created.get(id);
  created.delete(id);
  return draft;
}

const forgetListeners = new Set<(id: string) => void>();

/** The wizard's stores listen, so a store still in memory stops syncing a draft that is gone. */
export function onForget(listener: (id: string) => void): void {
  forgetListeners.add(listener);
}

/** Forgets the device copy of a submitted or deleted draft. */
export function forgetDraft(id: string): void {
  forgetListeners.forEach((l) => l(id));
  platform().storage.remove(storageKey(id));
  platform().storage.remove(lastStepKey(id));
}
