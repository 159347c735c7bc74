// The provider's storage for sessions, interactions, codes and tokens: in memory, gone at a restart (the
// stand-in's users then log in again). Our own, so the provider does not warn about its quick-start one.
type Payload = Record<string, unknown> & { uid?: string; userCode?: string; grantId?: string };

export function memoryAdapterFactory() {
  const store = new Map<string, { payload: Payload; expiresAt: number }>();
  const live = (key: string) => {
    const entry = store.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= Date.now()) {
      store.delete(key);
      return undefined;
    }
    return entry.payload;
  };
  return class MemoryAdapter {
    constructor(readonly model: string) {}

    key(id: string) {
      return `${this.model}:${id}`;
    }

    async upsert(id: string, payload: Payload, expiresIn: number) {
      store.set(this.key(id), { payload, expiresAt: Date.now() + expiresIn * 1000 });
    }

    async find(id: string) {
      return live(this.key(id));
    }

    async findByUid(uid: string) {
      for (const [key, { payload }] of store)
        if (key.startsWith(`${this.model}:`) && payload.uid === uid) return live(key);
      return undefined;
    }

    async findByUserCode(userCode: string) {
      for (const [key, { payload }] of store)
        if (key.startsWith(`${this.model}:`) && payload.userCode === userCode) return live(key);
      return undefined;
    }

    async consume(id: string) {
      const payload = live(this.key(id));
      if (payload) payload.consumed = Math.floor(Date.now() / 1000);
    }

    async destroy(id: string) {
      store.delete(this.key(id));
    }

    async revokeByGrantId(grantId: string) {
      for (const [key, { payload }] of store) if (payload.grantId === grantId) store.delete(key);
    }
  };
}
