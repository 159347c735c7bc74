// One DraftStore per open draft, for the wizard pages (a subpackage: the store stays out of the main package).
import { useEffect, useState, useSyncExternalStore } from 'react';
import { platform } from '../platform';
import { api, ensureLoggedIn } from '../services';
import { DraftStore, type DraftState } from './draftStore';
import { onForget, takeHandedOver } from './handoff';

const stores = new Map<string, DraftStore>();

// The in-memory store stays (inert) so that a page still on screen does not fetch the draft again and get a 404.
onForget((id) => stores.get(id)?.discard());

export function draftStore(id: string): DraftStore {
  let store = stores.get(id);
  if (!store) {
    const p = platform();
    store = new DraftStore(id, { api, storage: p.storage, onOnline: (l) => p.onOnline(l) });
    const created = takeHandedOver(id);
    if (created) store.adopt(created);
    stores.set(id, store);
  }
  return store;
}

/** The draft for a wizard page: loads it once (from the device copy or the bff) and re-renders on change. */
/** An open draft as a page holds it: its store, the state it renders, and why loading failed. */
export interface OpenDraft {
  store: DraftStore | undefined;
  state: DraftState | undefined;
  loadError?: string;
}

export function useDraft(id: string | undefined): OpenDraft {
  const store = id ? draftStore(id) : undefined;
  const [loadError, setLoadError] = useState<string>();
  const state = useSyncExternalStore(store?.subscribe ?? noopSubscribe, store?.getState ?? noState);
  useEffect(() => {
    if (!store || store.getState().loaded) return;
    ensureLoggedIn()
      .then(() => store.load())
      .catch((err: unknown) => setLoadError(err instanceof Error ? err.message : '加载失败'));
  }, [store]);
  return { store, state, loadError };
}

const noopSubscribe = () => () => undefined;
const noState = () => undefined;
