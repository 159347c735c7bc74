import { DraftStore, storageKey } from './draftStore';
import { FakeDraftServer, memoryStorage } from '../../tests/fakes';

function setup(server = new FakeDraftServer()) {
  const storage = memoryStorage();
  let online: (() => void) | undefined;
  const store = new DraftStore('d1', {
    api: server.api,
    storage,
    onOnline: (listener) => {
      online = listener;
      return () => (online = undefined);
    },
    debounceMs: 500,
  });
  return { store, storage, server, goOnline: () => online?.() };
}

async function settle() {
  for (let i = 0; i < 20; i += 1) await Promise.resolve();
}

beforeEach(() => jest.useFakeTimers());
afterEach(() => jest.useRealTimers());

describe('autosave', () => {
  it('waits for a pause in typing, then saves once and shows 已保存', async () => {
    const { store, server } = setup();
    await store.load();
    store.setUnit({ name: '上' });
    store.setUnit({ name: '上饶' });
    store.setUnit({ name: '上饶市某公司' });
    expect(store.getState().status).toBe('pending');
    expect(server.calls.filter((c) => c === 'patch')).toHaveLength(0);

    jest.advanceTimersByTime(500);
    await settle();

    expect(server.calls.filter((c) => c === 'patch')).toHaveLength(1);
    expect(server.draft.application.unit?.name).toBe('上饶市某公司');
    expect(store.getState().status).toBe('saved');
    expect(store.getState().version).toBe(server.draft.version);
  });

  it('adds a hire, then saves later edits to the key the server gave it', async () => {
    const { store, server } = setup();
    await store.load();
    const localKey = store.addEmployee({ name: '张三' });
    await store.sync();
    const serverKey = server.draft.application.employees?.[0].key;
    expect(serverKey).toBe('s1');
    expect(store.employee(localKey)?.key).toBe('s1');

    store.updateEmployee(localKey, { phone: '13800000000' });
    await store.sync();
    expect(server.calls).toContain('put:s1');
    expect(server.draft.application.employees?.[0]).toMatchObject({ name: '张三', phone: '13800000000' });
  });

  it('removes a saved hire on the server and never sends one that was added and removed offline', async () => {
    const { store, server } = setup(new FakeDraftServer({ employees: [{ key: 's9', name: '李四' }] }));
    await store.load();
    store.removeEmployee('s9');
    const temp = store.addEmployee({ name: '临时' });
    store.removeEmployee(temp);
    await store.sync();
    expect(server.draft.application.employees).toEqual([]);
    expect(server.calls.filter((c) => c === 'add')).toHaveLength(0);
  });

  it('shows 保存失败 with the reason when the bff rejects the change', async () => {
    const server = new FakeDraftServer();
    server.api.patchDraft = async () => {
      const { ApiError } = await import('../api/client');
      throw new ApiError(400, 'BAD_REQUEST', '单位名称过长');
    };
    const { store } = setup(server);
    await store.load();
    store.setUnit({ name: 'x' });
    await store.sync();
    expect(store.getState()).toMatchObject({ status: 'failed', error: '单位名称过长' });
    expect(store.hasUnsavedChanges()).toBe(true);
  });
});

describe('offline', () => {
  it('keeps edits on the device while offline and sends them when the network returns', async () => {
    const { store, server, goOnline } = setup();
    await store.load();
    server.offline = true;
    store.setUnit({ name: '离线填写的单位' });
    await store.sync();
    expect(store.getState().status).toBe('offline');

    store.addEmployee({ name: '王五' });
    expect(store.getState().status).toBe('offline');

    server.offline = false;
    goOnline();
    await settle();
    expect(store.getState().status).toBe('saved');
    expect(server.draft.application.unit?.name).toBe('离线填写的单位');
    expect(server.draft.application.employees?.map((e) => e.name)).toEqual(['王五']);
  });

  it('a reload restores unsynced edits from the device instead of the older server copy', async () => {
    const server = new FakeDraftServer({ unit: { name: '旧名称' } });
    const first = setup(server);
    await first.store.load();
    server.offline = true;
    first.store.setUnit({ name: '新名称' });
    await first.store.sync();

    // A new page load: fresh store over the same device storage, network back.
    server.offline = false;
    const second = new DraftStore('d1', {
      api: server.api,
      storage: first.storage,
      onOnline: () => () => undefined,
    });
    await second.load();
    expect(second.getState().application.unit?.name).toBe('新名称');
    expect(server.draft.application.unit?.name).toBe('新名称');
    expect(second.getState().status).toBe('saved');
  });

  it('a page reloaded with the temporary key of a hire still finds that hire', async () => {
    const first = setup();
    await first.store.load();
    const localKey = first.store.addEmployee({ name: '周七' });
    await first.store.sync();
    const second = new DraftStore('d1', {
      api: first.server.api,
      storage: first.storage,
      onOnline: () => () => undefined,
    });
    await second.load();
    expect(second.employee(localKey)?.name).toBe('周七');
  });

  it('opens the device copy when the draft cannot be fetched offline', async () => {
    const server = new FakeDraftServer({ unit: { name: '已保存' } });
    const first = setup(server);
    await first.store.load();
    server.offline = true;
    const second = new DraftStore('d1', {
      api: server.api,
      storage: first.storage,
      onOnline: () => () => undefined,
    });
    await second.load();
    expect(second.getState()).toMatchObject({ loaded: true, status: 'offline' });
    expect(second.getState().application.unit?.name).toBe('已保存');
  });
});

describe('409 conflict', () => {
  async function conflicted() {
    const ctx = setup(new FakeDraftServer({ unit: { name: '原名称', address: '信州区' }, employees: [] }));
    await ctx.store.load();
    ctx.server.editElsewhere({
      unit: { name: '别处改的名称', address: '信州区' },
      employees: [{ key: 's5', name: '赵六' }],
    });
    ctx.store.setUnit({ name: '我改的名称' });
    await ctx.store.sync();
    return ctx;
  }

  it('stops saving and lists what differs between the two copies', async () => {
    const { store } = await conflicted();
    const state = store.getState();
    expect(state.status).toBe('conflict');
    expect(state.conflict?.differences).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ label: '单位名称', mine: '我改的名称', theirs: '别处改的名称' }),
        expect.objectContaining({ mine: '无此员工', theirs: '已添加' }),
      ]),
    );
  });

  it('keeping the other copy drops local edits', async () => {
    const { store, storage } = await conflicted();
    store.keepTheirs();
    expect(store.getState().application.unit?.name).toBe('别处改的名称');
    expect(store.hasUnsavedChanges()).toBe(false);
    expect(storage.get<{ dirtyFields: string[] }>(storageKey('d1'))?.dirtyFields).toEqual([]);
  });

  it('keeping my copy overwrites the server, including rows added elsewhere', async () => {
    const { store, server } = await conflicted();
    await store.keepMine();
    expect(store.getState().status).toBe('saved');
    expect(server.draft.application.unit?.name).toBe('我改的名称');
    expect(server.draft.application.employees).toEqual([]);
  });
});
