// The wizard's copy of one draft. Edits apply locally at once, are kept on the device (so a reload or a
// lost connection loses nothing) and are pushed to the bff after a short pause. A stale version (409) is
// merged field by field with the server's copy against the version this device started from (the base):
// only fields both sides changed stop syncing until the user answers for each.
import type { EmployeeRow, HousingFundRelief, MatterCode, UnitPart } from '@hiring/shared';
import { ApiError, isNetworkError } from '../api/client';
import type { Endpoints } from '../api/endpoints';
import type { Draft, DraftApplication, DraftEmployee } from '../api/types';
import type { KeyValueStorage } from '../platform/types';
import { mergeDrafts, resolveMerge, type Merge } from './conflict';
import { storageKey } from './keys';

export type SaveStatus = 'idle' | 'pending' | 'saving' | 'saved' | 'offline' | 'failed' | 'conflict';

export interface Conflict {
  remote: Draft;
  merge: Merge;
}

export interface DraftState {
  id: string;
  loaded: boolean;
  version: number;
  application: DraftApplication;
  status: SaveStatus;
  /** Something the user should read when status is 'failed'. */
  error?: string;
  conflict?: Conflict;
  /** Set when the other device's changes were merged in without a question, until the next edit. */
  mergedRemote?: boolean;
  savedAt?: number;
}

/** What is stored on the device between sessions. */
interface StoredDraft {
  version: number;
  application: DraftApplication;
  /** The server's copy at `version`: what a three-way merge compares both sides against. */
  base?: DraftApplication;
  dirtyFields: DraftField[];
  dirtyEmployees: string[];
  removedEmployees: string[];
  /** Local key → server key, so a reloaded page whose URL still has the local key finds its row. */
  aliases?: [string, string][];
}

export type DraftApi = Pick<
  Endpoints,
  'getDraft' | 'patchDraft' | 'addEmployee' | 'putEmployee' | 'removeEmployee'
>;

export interface DraftStoreDeps {
  api: DraftApi;
  storage: KeyValueStorage;
  onOnline: (listener: () => void) => () => void;
  debounceMs?: number;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
  now?: () => number;
}

const LOCAL_PREFIX = 'local-';

/** The parts of a draft saved with PATCH /drafts/:id (employees have their own routes). */
type DraftField = 'unit' | 'matters' | 'housingFundRelief';
const DRAFT_FIELDS: readonly DraftField[] = ['unit', 'matters', 'housingFundRelief'];

export { storageKey };

function withoutKey(e: DraftEmployee): Omit<DraftEmployee, 'key'> {
  const { key: _key, ...rest } = e;
  return rest;
}

function snapshot(value: unknown): string {
  return JSON.stringify(value ?? null);
}

let localCounter = 0;

export class DraftStore {
  private state: DraftState;
  private dirtyFields = new Set<DraftField>();
  private dirtyEmployees = new Set<string>();
  private removedEmployees = new Set<string>();
  /** Local keys that the server has since renamed, so pages opened with the old key still find the row. */
  private aliases = new Map<string, string>();
  /** The server's application at state.version. */
  private base: DraftApplication | undefined;
  private listeners = new Set<() => void>();
  private timer: unknown;
  private syncing = false;
  private again = false;
  private stopListening?: () => void;
  private readonly debounceMs: number;
  private readonly setTimer: (fn: () => void, ms: number) => unknown;
  private readonly clearTimer: (handle: unknown) => void;
  private readonly now: () => number;

  constructor(
    id: string,
    private readonly deps: DraftStoreDeps,
  ) {
    this.debounceMs = deps.debounceMs ?? 800;
    this.setTimer = deps.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
    this.clearTimer = deps.clearTimer ?? ((h) => clearTimeout(h as ReturnType<typeof setTimeout>));
    this.now = deps.now ?? Date.now;
    this.state = { id, loaded: false, version: 0, application: {}, status: 'idle' };
  }

  // ---- subscription (useSyncExternalStore) ----

  getState = (): DraftState => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private set(patch: Partial<DraftState>): void {
    this.state = { ...this.state, ...patch };
    this.listeners.forEach((l) => l());
  }

  hasUnsavedChanges(): boolean {
    return this.dirtyFields.size > 0 || this.dirtyEmployees.size > 0 || this.removedEmployees.size > 0;
  }

  // ---- loading ----

  /** Uses the device copy when it holds unsynced edits, otherwise the server's. */
  async load(): Promise<void> {
    const stored = this.deps.storage.get<StoredDraft>(storageKey(this.state.id));
    if (stored) {
      this.dirtyFields = new Set(stored.dirtyFields);
      this.dirtyEmployees = new Set(stored.dirtyEmployees);
      this.removedEmployees = new Set(stored.removedEmployees);
      this.aliases = new Map(stored.aliases ?? []);
      this.base = stored.base;
    }
    if (stored && this.hasUnsavedChanges()) {
      this.set({ loaded: true, version: stored.version, application: stored.application, status: 'pending' });
      await this.sync();
      return;
    }
    try {
      const draft = await this.deps.api.getDraft(this.state.id);
      this.base = draft.application;
      this.set({ loaded: true, version: draft.version, application: draft.application, status: 'saved' });
      this.persist();
    } catch (err) {
      if (stored && isNetworkError(err)) {
        this.set({
          loaded: true,
          version: stored.version,
          application: stored.application,
          status: 'offline',
        });
        this.waitForNetwork();
        return;
      }
      this.set({ status: 'failed', error: err instanceof Error ? err.message : '加载失败' });
      throw err;
    }
  }

  /** Seeds the store from a draft the caller already has (e.g. just created). */
  adopt(draft: Draft): void {
    this.base = draft.application;
    this.set({ loaded: true, version: draft.version, application: draft.application, status: 'saved' });
    this.persist();
  }

  // ---- edits ----

  setUnit(patch: Partial<UnitPart>): void {
    const unit = { ...this.state.application.unit, ...patch };
    this.edit({ ...this.state.application, unit }, () => this.dirtyFields.add('unit'));
  }

  setMatters(matters: MatterCode[]): void {
    this.edit({ ...this.state.application, matters }, () => this.dirtyFields.add('matters'));
  }

  setHousingFundRelief(housingFundRelief: HousingFundRelief): void {
    this.edit({ ...this.state.application, housingFundRelief }, () =>
      this.dirtyFields.add('housingFundRelief'),
    );
  }

  addEmployee(employee: Partial<EmployeeRow>): string {
    localCounter += 1;
    const key = `${LOCAL_PREFIX}${this.now().toString(36)}-${localCounter}`;
    const employees = [...(this.state.application.employees ?? []), { ...employee, key }];
    this.edit({ ...this.state.application, employees }, () => this.dirtyEmployees.add(key));
    return key;
  }

  updateEmployee(key: string, patch: Partial<EmployeeRow>): void {
    const real = this.resolveKey(key);
    const employees = (this.state.application.employees ?? []).map((e) =>
      e.key === real ? { ...e, ...patch } : e,
    );
    this.edit({ ...this.state.application, employees }, () => this.dirtyEmployees.add(real));
  }

  removeEmployee(key: string): void {
    const real = this.resolveKey(key);
    const employees = (this.state.application.employees ?? []).filter((e) => e.key !== real);
    this.edit({ ...this.state.application, employees }, () => {
      this.dirtyEmployees.delete(real);
      if (!real.startsWith(LOCAL_PREFIX)) this.removedEmployees.add(real);
    });
  }

  resolveKey(key: string): string {
    return this.aliases.get(key) ?? key;
  }

  /**
   * Waits until the bff holds `idNumber` on the hire `key` (a person lookup is answered only for the number
   * saved on the row it names), saving now rather than after the typing pause; offline or in a conflict it
   * waits for the save like any other edit. Resolves with the row's server key; `cancel` stops waiting.
   */
  whenSaved(key: string, idNumber: string): { saved: Promise<string>; cancel: () => void } {
    let stop = () => {};
    const saved = new Promise<string>((resolve) => {
      const check = () => {
        const real = this.resolveKey(key);
        const onServer = this.base?.employees?.find((e) => e.key === real);
        if (real.startsWith(LOCAL_PREFIX) || onServer?.idNumber !== idNumber) return false;
        stop();
        resolve(real);
        return true;
      };
      stop = this.subscribe(check);
      if (!check()) void this.sync();
    });
    return { saved, cancel: () => stop() };
  }

  employee(key: string): DraftEmployee | undefined {
    const real = this.resolveKey(key);
    return this.state.application.employees?.find((e) => e.key === real);
  }

  private edit(application: DraftApplication, mark: () => void): void {
    mark();
    const waiting = this.state.status === 'conflict' || this.state.status === 'offline';
    this.set({
      application,
      status: waiting ? this.state.status : 'pending',
      error: undefined,
      mergedRemote: undefined,
    });
    this.persist();
    if (!waiting) this.schedule();
  }

  private schedule(): void {
    if (this.timer !== undefined) this.clearTimer(this.timer);
    this.timer = this.setTimer(() => {
      this.timer = undefined;
      void this.sync();
    }, this.debounceMs);
  }

  private persist(): void {
    const stored: StoredDraft = {
      version: this.state.version,
      application: this.state.application,
      base: this.base,
      dirtyFields: [...this.dirtyFields],
      dirtyEmployees: [...this.dirtyEmployees],
      removedEmployees: [...this.removedEmployees],
      aliases: [...this.aliases],
    };
    this.deps.storage.set(storageKey(this.state.id), stored);
  }

  /** Forget the device copy (after submit or delete). */
  discard(): void {
    if (this.timer !== undefined) this.clearTimer(this.timer);
    this.stopListening?.();
    this.deps.storage.remove(storageKey(this.state.id));
  }

  // ---- syncing ----

  /** Pushes every pending edit now; resolves when the device and server agree or syncing stopped. */
  async sync(): Promise<void> {
    if (this.timer !== undefined) {
      this.clearTimer(this.timer);
      this.timer = undefined;
    }
    if (this.state.status === 'conflict') return;
    if (this.syncing) {
      this.again = true;
      return;
    }
    if (!this.hasUnsavedChanges()) {
      if (this.state.status !== 'saved' && this.state.loaded) this.set({ status: 'saved' });
      return;
    }
    this.syncing = true;
    this.set({ status: 'saving', error: undefined });
    try {
      // A 409 merged without a question is pushed again at once; a few rounds at most if the other
      // device keeps saving meanwhile.
      for (let round = 0; ; round += 1) {
        try {
          do {
            this.again = false;
            while (this.hasUnsavedChanges()) await this.pushOne();
          } while (this.again);
          break;
        } catch (err) {
          if (!this.handleSyncError(err, round < 3)) return;
        }
      }
      this.set({ status: 'saved', savedAt: this.now() });
    } finally {
      this.syncing = false;
      this.persist();
    }
  }

  private async pushOne(): Promise<void> {
    const { id } = this.state;
    const app = this.state.application;
    if (this.dirtyFields.size > 0) {
      const fields = [...this.dirtyFields];
      const sent = { unit: app.unit, matters: app.matters, housingFundRelief: app.housingFundRelief };
      const patch = Object.fromEntries(fields.map((f) => [f, sent[f]]));
      const draft = await this.deps.api.patchDraft(id, this.state.version, patch);
      this.acceptVersion(draft);
      for (const f of fields)
        if (snapshot(this.state.application[f]) === snapshot(sent[f])) this.dirtyFields.delete(f);
      return;
    }
    const [removed] = this.removedEmployees;
    if (removed !== undefined) {
      try {
        const draft = await this.deps.api.removeEmployee(id, removed, this.state.version);
        this.acceptVersion(draft);
      } catch (err) {
        // Already gone on the server is what we wanted.
        if (!(err instanceof ApiError && err.status === 404)) throw err;
      }
      this.removedEmployees.delete(removed);
      return;
    }
    const [key] = this.dirtyEmployees;
    const employee = app.employees?.find((e) => e.key === key);
    if (!employee) {
      this.dirtyEmployees.delete(key);
      return;
    }
    const sent = snapshot(withoutKey(employee));
    if (key.startsWith(LOCAL_PREFIX)) {
      const knownKeys = new Set((app.employees ?? []).map((e) => e.key));
      const draft = await this.deps.api.addEmployee(id, this.state.version, withoutKey(employee));
      this.acceptVersion(draft);
      const created = [...(draft.application.employees ?? [])].reverse().find((e) => !knownKeys.has(e.key));
      if (created) this.renameEmployee(key, created.key);
      const now = this.employee(created?.key ?? key);
      if (now && snapshot(withoutKey(now)) === sent) this.dirtyEmployees.delete(now.key);
      return;
    }
    const draft = await this.deps.api.putEmployee(id, key, this.state.version, withoutKey(employee));
    this.acceptVersion(draft);
    const now = this.employee(key);
    if (!now || snapshot(withoutKey(now)) === sent) this.dirtyEmployees.delete(key);
  }

  private acceptVersion(draft: Draft): void {
    this.base = draft.application;
    this.set({ version: draft.version });
    this.persist();
  }

  private renameEmployee(from: string, to: string): void {
    this.aliases.set(from, to);
    for (const [local, server] of this.aliases) if (server === from) this.aliases.set(local, to);
    const employees = (this.state.application.employees ?? []).map((e) =>
      e.key === from ? { ...e, key: to } : e,
    );
    if (this.dirtyEmployees.delete(from)) this.dirtyEmployees.add(to);
    this.set({ application: { ...this.state.application, employees } });
  }

  /** Returns true when the merged copy should be pushed again at once. */
  private handleSyncError(err: unknown, mayRetry: boolean): boolean {
    if (err instanceof ApiError && err.status === 409) {
      const remote = (err.body as { current?: Draft } | undefined)?.current;
      if (remote) {
        const merge = mergeDrafts(this.base, this.state.application, remote.application);
        if (merge.questions.length === 0 && mayRetry) {
          this.rebaseOnto(remote, merge.merged);
          this.set({ mergedRemote: true });
          return true;
        }
        this.set({ status: 'conflict', conflict: { remote, merge } });
        return false;
      }
    }
    if (isNetworkError(err)) {
      this.set({ status: 'offline' });
      this.waitForNetwork();
      return false;
    }
    this.set({ status: 'failed', error: err instanceof Error ? err.message : '保存失败' });
    return false;
  }

  private waitForNetwork(): void {
    if (this.stopListening) return;
    this.stopListening = this.deps.onOnline(() => {
      this.stopListening?.();
      this.stopListening = undefined;
      if (this.state.status === 'offline') {
        this.set({ status: 'pending' });
        void this.sync();
      }
    });
  }

  /** Manual retry after 'failed' or while believed offline. */
  retry(): Promise<void> {
    if (this.state.status === 'conflict') return Promise.resolve();
    this.set({ status: 'pending' });
    return this.sync();
  }

  // ---- conflict resolution ----

  /**
   * Answers the open questions (`useTheirs`: the ids answered 其他设备) and saves the merged copy on top of
   * the server's version.
   */
  async resolveConflict(useTheirs: ReadonlySet<string>): Promise<void> {
    const conflict = this.state.conflict;
    if (!conflict) return;
    this.rebaseOnto(conflict.remote, resolveMerge(conflict.merge, useTheirs));
    this.set({ status: 'pending', conflict: undefined, mergedRemote: true });
    await this.sync();
  }

  /** Takes the server's version as the base and marks for saving whatever `application` has on top of it. */
  private rebaseOnto(remote: Draft, application: DraftApplication): void {
    const theirs = remote.application;
    this.dirtyFields.clear();
    this.dirtyEmployees.clear();
    this.removedEmployees.clear();
    for (const f of DRAFT_FIELDS)
      if (snapshot(application[f]) !== snapshot(theirs[f])) this.dirtyFields.add(f);
    const theirEmployees = new Map((theirs.employees ?? []).map((e) => [e.key, e]));
    const employees = (application.employees ?? []).map((e) => {
      if (e.key.startsWith(LOCAL_PREFIX)) {
        this.dirtyEmployees.add(e.key);
        return e;
      }
      const other = theirEmployees.get(e.key);
      if (!other) {
        // Deleted on the server but kept here: add it back as a new row.
        localCounter += 1;
        const key = `${LOCAL_PREFIX}${this.now().toString(36)}-${localCounter}`;
        this.dirtyEmployees.add(key);
        this.aliases.set(e.key, key);
        return { ...e, key };
      }
      if (snapshot(withoutKey(e)) !== snapshot(withoutKey(other))) this.dirtyEmployees.add(e.key);
      return e;
    });
    const kept = new Set(employees.map((e) => e.key));
    for (const key of theirEmployees.keys()) if (!kept.has(key)) this.removedEmployees.add(key);
    this.base = theirs;
    this.set({ version: remote.version, application: { ...application, employees } });
    this.persist();
  }
}
