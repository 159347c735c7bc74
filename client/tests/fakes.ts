// In-memory stand-ins for the bff's draft routes and the device storage, faithful to bff/API.md's versioning.
import { ApiError } from '../src/api/client';
import type { Draft, DraftApplication, DraftEmployee } from '../src/api/types';
import { NetworkError, type KeyValueStorage } from '../src/platform/types';

export function memoryStorage(): KeyValueStorage & { data: Map<string, unknown> } {
  const data = new Map<string, unknown>();
  return {
    data,
    get: <T>(key: string) => (data.has(key) ? (JSON.parse(JSON.stringify(data.get(key))) as T) : undefined),
    set: (key, value) => void data.set(key, JSON.parse(JSON.stringify(value))),
    remove: (key) => void data.delete(key),
  };
}

/** The bff always answers a draft with its matters and employees, if only empty lists. */
const full = (application: DraftApplication): Draft['application'] => ({
  matters: [],
  employees: [],
  ...application,
});

export class FakeDraftServer {
  draft: Draft;
  offline = false;
  calls: string[] = [];
  private nextKey = 1;

  constructor(application: DraftApplication = {}) {
    this.draft = { id: 'd1', version: 1, application: full(application), createdAt: '', updatedAt: '' };
  }

  private copy(): Draft {
    return JSON.parse(JSON.stringify(this.draft)) as Draft;
  }

  private check(call: string, version: number): void {
    this.calls.push(call);
    if (this.offline) throw new NetworkError();
    if (version !== this.draft.version) {
      throw new ApiError(409, 'VERSION_CONFLICT', '草稿已在别处修改', [], {
        error: { code: 'VERSION_CONFLICT' },
        current: this.copy(),
      });
    }
  }

  private bump(application: DraftApplication): Draft {
    this.draft = { ...this.draft, version: this.draft.version + 1, application: full(application) };
    return this.copy();
  }

  /** Someone else edits the draft (another phone). */
  editElsewhere(application: DraftApplication): void {
    this.bump(application);
  }

  api = {
    getDraft: async () => {
      this.calls.push('get');
      if (this.offline) throw new NetworkError();
      return this.copy();
    },
    patchDraft: async (_id: string, version: number, patch: DraftApplication) => {
      this.check('patch', version);
      return this.bump({ ...this.draft.application, ...patch });
    },
    addEmployee: async (_id: string, version: number, employee: Omit<DraftEmployee, 'key'>) => {
      this.check('add', version);
      const key = `s${this.nextKey++}`;
      return this.bump({
        ...this.draft.application,
        employees: [...(this.draft.application.employees ?? []), { ...employee, key }],
      });
    },
    putEmployee: async (_id: string, key: string, version: number, employee: Omit<DraftEmployee, 'key'>) => {
      this.check(`put:${key}`, version);
      const employees = (this.draft.application.employees ?? []).map((e) =>
        e.key === key ? { ...employee, key } : e,
      );
      return this.bump({ ...this.draft.application, employees });
    },
    removeEmployee: async (_id: string, key: string, version: number) => {
      this.check(`delete:${key}`, version);
      const employees = (this.draft.application.employees ?? []).filter((e) => e.key !== key);
      return this.bump({ ...this.draft.application, employees });
    },
  };
}
