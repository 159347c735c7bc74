import { DraftStore } from './draftStore';
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

/** A new page load: a fresh store over the same device storage, loaded. */
async function reopen(page: Pick<ReturnType<typeof setup>, 'server' | 'storage'>) {
  const store = new DraftStore('d1', {
    api: page.server.api,
    storage: page.storage,
    onOnline: () => () => undefined,
  });
  await store.load();
  return store;
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
    const second = await reopen(first);
    expect(second.getState().application.unit?.name).toBe('新名称');
    expect(server.draft.application.unit?.name).toBe('新名称');
    expect(second.getState().status).toBe('saved');
  });

  it('a page reloaded with the temporary key of a hire still finds that hire', async () => {
    const first = setup();
    await first.store.load();
    const localKey = first.store.addEmployee({ name: '周七' });
    await first.store.sync();
    const second = await reopen(first);
    expect(second.employee(localKey)?.name).toBe('周七');
  });

  it('opens the device copy when the draft cannot be fetched offline', async () => {
    const server = new FakeDraftServer({ unit: { name: '已保存' } });
    const first = setup(server);
    await first.store.load();
    server.offline = true;
    const second = await reopen(first);
    expect(second.getState()).toMatchObject({ loaded: true, status: 'offline' });
    expect(second.getState().application.unit?.name).toBe('已保存');
  });
});

describe('409 conflict: a field-level three-way merge', () => {
  const unit = {
    name: '上饶市某公司',
    address: '信州区凤凰大道 1 号',
    operator: { name: '王经办', idNumber: '361102199001011234', phone: '13800000000' },
    bank: { name: '工商银行' },
  };

  /** The case: A changed the phone and the address; B (this device, on the old version) the phone and 开户行. */
  async function twoDevices(phoneHere = '13900000002') {
    const ctx = setup(
      new FakeDraftServer({ unit, employees: [{ key: 's9', name: '张三', phone: '13700000000' }] }),
    );
    await ctx.store.load();
    ctx.server.editElsewhere({
      ...ctx.server.draft.application,
      unit: { ...unit, address: '广丰区永丰街道 8 号', operator: { ...unit.operator, phone: '13900000001' } },
    });
    ctx.store.setUnit({ operator: { ...unit.operator, phone: phoneHere }, bank: { name: '建设银行' } });
    await ctx.store.sync();
    return ctx;
  }

  it('asks only about the field both changed, in Chinese with readable values', async () => {
    const { store } = await twoDevices();
    const state = store.getState();
    expect(state.status).toBe('conflict');
    expect(state.conflict?.merge.questions).toEqual([
      { id: 'unit.operator.phone', label: '单位经办人联系电话', mine: '13900000002', theirs: '13900000001' },
    ]);
  });

  it("keeps the other device's address and this device's 开户行 whichever phone is chosen", async () => {
    const { store, server } = await twoDevices();
    await store.resolveConflict(new Set(['unit.operator.phone']));
    expect(store.getState().status).toBe('saved');
    expect(server.draft.application.unit).toMatchObject({
      address: '广丰区永丰街道 8 号',
      bank: { name: '建设银行' },
      operator: { phone: '13900000001' },
    });

    const other = await twoDevices();
    await other.store.resolveConflict(new Set());
    expect(other.server.draft.application.unit).toMatchObject({
      address: '广丰区永丰街道 8 号',
      bank: { name: '建设银行' },
      operator: { phone: '13900000002' },
    });
    expect(other.server.draft.application.employees).toEqual([
      { key: 's9', name: '张三', phone: '13700000000' },
    ]);
  });

  it('merges without asking when the two devices changed different fields', async () => {
    const { store, server } = await twoDevices('13800000000');
    expect(store.getState()).toMatchObject({ status: 'saved', mergedRemote: true });
    expect(server.draft.application.unit).toMatchObject({
      address: '广丰区永丰街道 8 号',
      bank: { name: '建设银行' },
      operator: { phone: '13900000001' },
    });
  });

  it('keeps a hire added elsewhere and one added here, and a hire edit from each side', async () => {
    const ctx = setup(
      new FakeDraftServer({ unit, employees: [{ key: 's9', name: '张三', phone: '13700000000' }] }),
    );
    await ctx.store.load();
    ctx.server.editElsewhere({
      ...ctx.server.draft.application,
      employees: [
        { key: 's9', name: '张三', phone: '13700000001' },
        { key: 's10', name: '李四' },
      ],
    });
    ctx.store.updateEmployee('s9', { address: '信州区某小区' });
    ctx.store.addEmployee({ name: '王五' });
    await ctx.store.sync();
    expect(ctx.store.getState().status).toBe('saved');
    const rows = ctx.server.draft.application.employees ?? [];
    expect(rows.map((e) => e.name).sort()).toEqual(['张三', '李四', '王五']);
    expect(rows.find((e) => e.key === 's9')).toMatchObject({ phone: '13700000001', address: '信州区某小区' });
  });

  it('the base survives a reload, so a conflict found after reopening is still merged', async () => {
    const { store, server, storage } = setup(new FakeDraftServer({ unit }));
    await store.load();
    server.offline = true;
    store.setUnit({ bank: { name: '建设银行' } });
    await store.sync();
    server.offline = false;
    server.editElsewhere({ ...server.draft.application, unit: { ...unit, address: '广丰区' } });
    const reopened = await reopen({ server, storage });
    expect(reopened.getState().status).toBe('saved');
    expect(server.draft.application.unit).toMatchObject({ address: '广丰区', bank: { name: '建设银行' } });
  });
});

describe('a row saved for a person lookup', () => {
  const ID = '36110219900307201X';

  it('is saved at once, without the typing pause, and named by the key the server gave it', async () => {
    const { store, server } = setup();
    await store.load();
    const localKey = store.addEmployee({ idType: 'resident' });
    store.updateEmployee(localKey, { idNumber: ID });
    let key: string | undefined;
    void store.whenSaved(localKey, ID).saved.then((k) => (key = k));
    await settle();
    expect(key).toBe('s1');
    expect(server.draft.application.employees?.[0]).toMatchObject({ key: 's1', idNumber: ID });
  });

  it('waits while offline and goes on when the save has gone through', async () => {
    const { store, server, goOnline } = setup();
    await store.load();
    const localKey = store.addEmployee({ idType: 'resident' });
    await store.sync();
    server.offline = true;
    store.updateEmployee(localKey, { idNumber: ID });
    let key: string | undefined;
    void store.whenSaved(localKey, ID).saved.then((k) => (key = k));
    await settle();
    expect(store.getState().status).toBe('offline');
    expect(key).toBeUndefined();
    server.offline = false;
    goOnline();
    await settle();
    expect(key).toBe('s1');
  });

  it('stops waiting when cancelled (the number was changed before it was saved)', async () => {
    const { store, server } = setup();
    await store.load();
    server.offline = true;
    const localKey = store.addEmployee({ idType: 'resident', idNumber: ID });
    let resolved = false;
    const wait = store.whenSaved(localKey, ID);
    void wait.saved.then(() => (resolved = true));
    wait.cancel();
    await settle();
    server.offline = false;
    await store.retry();
    await settle();
    expect(server.draft.application.employees?.[0].idNumber).toBe(ID);
    expect(resolved).toBe(false);
  });
});
