// Conformance of the configured MongoDB-compatible server with every query shape the bff relies on.
// Runs against the embedded server by default and against a real MongoDB whenever MONGODB_URI is set.
import mongoose, { Schema, type Connection } from 'mongoose';
import { testDatabaseUri } from '../../tools/jest/testDatabase';

let conn: Connection;

beforeAll(async () => {
  conn = await mongoose.createConnection(testDatabaseUri('conformance')).asPromise();
});

afterAll(async () => {
  await conn.dropDatabase();
  await conn.close();
});

const DUPLICATE_KEY = 11000;

function expectDuplicateKey(error: unknown) {
  expect(error).toMatchObject({ code: DUPLICATE_KEY });
}

describe('server handshake', () => {
  it('reports a wire version the Node driver accepts (>= 9) and answers ping', async () => {
    // isMaster rather than hello: the embedded server predates hello, and MongoDB 6+ still answers isMaster.
    const hello = await conn.db!.admin().command({ isMaster: 1 });
    expect(hello.maxWireVersion).toBeGreaterThanOrEqual(9);
    expect((await conn.db!.admin().command({ ping: 1 })).ok).toBe(1);
  });
});

describe('collection creation', () => {
  // mongoose sends a create command for every model it compiles, often while the first writes are already
  // on their way; the server must never answer both and keep only the empty collection.
  it('keeps a first insert that races the create command for the same new collection (300 rounds)', async () => {
    const db = conn.db!;
    const lost: number[] = [];
    for (let round = 0; round < 300; round++) {
      const name = `race_${round}`;
      await Promise.all([
        db.createCollection(name).catch(() => undefined),
        db.collection(name).insertMany(Array.from({ length: 5 }, (_, n) => ({ n }))),
        db.createCollection(name).catch(() => undefined),
      ]);
      if ((await db.collection(name).countDocuments()) !== 5) lost.push(round);
    }
    expect(lost).toEqual([]);
  }, 60000);
});

describe('atomic claims with findOneAndUpdate', () => {
  it('lets 50 concurrent claimers each claim a document at most once', async () => {
    const Job = conn.model(
      'Job',
      new Schema({ n: Number, status: String, owner: String, leaseUntil: Date, attempts: Number }),
    );
    await Job.insertMany(Array.from({ length: 30 }, (_, n) => ({ n, status: 'due', attempts: 0 })));
    const now = new Date();
    const claims = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        Job.findOneAndUpdate(
          { status: 'due', $or: [{ leaseUntil: null }, { leaseUntil: { $lt: now } }] },
          {
            $set: { status: 'claimed', owner: `worker-${i}`, leaseUntil: new Date(Date.now() + 60000) },
            $inc: { attempts: 1 },
          },
          { sort: { n: 1 }, returnDocument: 'after' },
        ).lean(),
      ),
    );
    const claimed = claims.filter((c) => c !== null);
    expect(claimed).toHaveLength(30);
    expect(new Set(claimed.map((c) => String(c!._id))).size).toBe(30);
    const docs = await Job.find().lean();
    expect(docs.every((d) => d.attempts === 1 && d.status === 'claimed')).toBe(true);
    for (const c of claimed) expect(docs.find((d) => String(d._id) === String(c!._id))!.owner).toBe(c!.owner);
  });

  it('returns the document before the change by default and applies a projection', async () => {
    const Doc = conn.model('ProjectionDoc', new Schema({ a: Number, secret: String }));
    await Doc.create({ a: 1, secret: 's' });
    const before = await Doc.findOneAndUpdate({ a: 1 }, { $inc: { a: 1 } }, { projection: { a: 1 } }).lean();
    expect(before).toMatchObject({ a: 1 });
    expect(before).not.toHaveProperty('secret');
    expect((await Doc.findOne().lean())!.a).toBe(2);
  });
});

describe('outbox claims (the dispatch workers)', () => {
  it('lets concurrent workers lease each document at most once, then update array elements by index', async () => {
    const Outbox = conn.model(
      'OutboxDoc',
      new Schema({
        pending: Boolean,
        nextAt: Date,
        leaseUntil: Date,
        owner: String,
        items: [{ _id: false, name: String, state: String, tries: Number }],
      }),
    );
    await Outbox.insertMany(
      Array.from({ length: 10 }, (_, d) => ({
        pending: true,
        nextAt: new Date(Date.now() - d * 1000),
        leaseUntil: new Date(0),
        items: ['a', 'b', 'c'].map((name) => ({ name: `${d}${name}`, state: 'due', tries: 0 })),
      })),
    );
    const now = new Date();
    const claims = await Promise.all(
      Array.from({ length: 25 }, (_, i) =>
        Outbox.findOneAndUpdate(
          { pending: true, nextAt: { $lte: now }, leaseUntil: { $lt: now } },
          { $set: { owner: `w${i}`, leaseUntil: new Date(Date.now() + 60000) } },
          { sort: { nextAt: 1 }, returnDocument: 'after' },
        ).lean(),
      ),
    );
    const won = claims.filter((c) => c !== null);
    expect(won).toHaveLength(10);
    expect(new Set(won.map((c) => String(c!._id))).size).toBe(10);
    // The oldest work first.
    expect(won.map((c) => c!.nextAt!.getTime()).sort((a, b) => a - b)[0]).toBe(
      Math.min(...won.map((c) => c!.nextAt!.getTime())),
    );
    // Each lease holder updates its elements by index, guarded by its ownership.
    await Promise.all(
      won.flatMap((doc) =>
        doc!.items.map((_, index) =>
          Outbox.updateOne(
            { _id: doc!._id, owner: doc!.owner, [`items.${index}.state`]: 'due' },
            { $set: { [`items.${index}.state`]: 'delivered' }, $inc: { [`items.${index}.tries`]: 1 } },
          ),
        ),
      ),
    );
    const stolen = await Outbox.updateOne(
      { _id: won[0]!._id, owner: 'someone-else' },
      { $set: { 'items.0.state': 'x' } },
    );
    expect(stolen.modifiedCount).toBe(0);
    const items = (await Outbox.find().lean()).flatMap((d) => d.items);
    expect(items.every((item) => item.state === 'delivered' && item.tries === 1)).toBe(true);
  });
});

describe('optimistic concurrency', () => {
  it('loses no write when 40 writers race with version-guarded updates', async () => {
    const Counter = conn.model('Counter', new Schema({ version: Number, items: [Number] }));
    const { _id } = await Counter.create({ version: 0, items: [] });
    await Promise.all(
      Array.from({ length: 40 }, async (_, i) => {
        for (;;) {
          const current = await Counter.findById(_id).lean();
          const result = await Counter.updateOne(
            { _id, version: current!.version },
            { $set: { items: [...current!.items, i] }, $inc: { version: 1 } },
          );
          if (result.modifiedCount === 1) return;
        }
      }),
    );
    const final = await Counter.findById(_id).lean();
    expect(final!.version).toBe(40);
    expect([...final!.items].sort((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_, i) => i));
  });
});

describe('unique indexes', () => {
  const Unit = () =>
    conn.models.Unit ??
    conn.model('Unit', new Schema({ uscc: { type: String, unique: true }, name: String, scope: String }));

  beforeAll(async () => {
    await Unit().init();
  });

  it('rejects a duplicate on insert with code 11000', async () => {
    await Unit().create({ uscc: 'A', name: 'first' });
    await expect(Unit().create({ uscc: 'A', name: 'second' })).rejects.toMatchObject({ code: DUPLICATE_KEY });
    expect(await Unit().countDocuments({ uscc: 'A' })).toBe(1);
  });

  it('rejects a duplicate on update and on findOneAndUpdate with code 11000', async () => {
    await Unit().create({ uscc: 'B', name: 'b' });
    try {
      await Unit().updateOne({ uscc: 'B' }, { $set: { uscc: 'A' } });
      throw new Error('update should have failed');
    } catch (error) {
      expectDuplicateKey(error);
    }
    try {
      await Unit().findOneAndUpdate({ uscc: 'B' }, { $set: { uscc: 'A' } });
      throw new Error('findOneAndUpdate should have failed');
    } catch (error) {
      expectDuplicateKey(error);
    }
    expect((await Unit().findOne({ uscc: 'B' }).lean())!.name).toBe('b');
  });

  it('lets exactly one of 20 concurrent upserts on the same key insert', async () => {
    const Key = conn.model(
      'IdemKey',
      new Schema({ key: { type: String, unique: true }, owner: String, hits: Number }),
    );
    await Key.init();
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) =>
        Key.updateOne(
          { key: 'k1' },
          { $setOnInsert: { owner: `r${i}` }, $inc: { hits: 1 } },
          { upsert: true },
        ),
      ),
    );
    const upserted = results.filter((r) => r.status === 'fulfilled' && r.value.upsertedCount === 1);
    expect(upserted).toHaveLength(1);
    for (const r of results) if (r.status === 'rejected') expectDuplicateKey(r.reason);
    expect(await Key.countDocuments({ key: 'k1' })).toBe(1);
  });

  it('reports duplicates from an unordered insertMany and keeps the others', async () => {
    const Nonce = conn.model('Nonce', new Schema({ nonce: { type: String, unique: true } }));
    await Nonce.init();
    await Nonce.create({ nonce: 'x' });
    await expect(
      Nonce.insertMany([{ nonce: 'y' }, { nonce: 'x' }, { nonce: 'z' }], { ordered: false }),
    ).rejects.toMatchObject({
      code: DUPLICATE_KEY,
    });
    expect(await Nonce.countDocuments()).toBe(3);
  });
});

describe('queries the bff uses', () => {
  const Application = () =>
    conn.models.Application ??
    conn.model(
      'Application',
      new Schema({
        accountId: String,
        seq: Number,
        status: String,
        updatedAt: Date,
        matters: [{ matter: String, status: String, dueDate: String }],
        timeline: [{ at: Date, note: String }],
        employees: [{ key: String, name: String }],
        secret: Buffer,
      }),
    );

  beforeAll(async () => {
    const base = new Date('2026-01-01T00:00:00Z').getTime();
    await Application().insertMany(
      Array.from({ length: 25 }, (_, seq) => ({
        accountId: seq % 2 === 0 ? 'even' : 'odd',
        seq,
        status: seq % 5 === 0 ? 'completed' : 'processing',
        updatedAt: new Date(base + seq * 86400000),
        matters: [
          { matter: 'employment', status: 'completed', dueDate: '2026-01-01' },
          { matter: 'housingFund', status: seq % 3 === 0 ? 'reviewing' : 'completed', dueDate: '2026-01-05' },
        ],
        employees: [
          { key: 'e1', name: '甲' },
          { key: 'e2', name: '乙' },
        ],
      })),
    );
  });

  it('pages with sort, skip and limit', async () => {
    const page2 = await Application()
      .find({ accountId: 'even' })
      .sort({ updatedAt: -1 })
      .skip(5)
      .limit(5)
      .lean();
    expect(page2.map((a) => a.seq)).toEqual([14, 12, 10, 8, 6]);
  });

  it('counts documents with a filter and with no filter', async () => {
    expect(await Application().countDocuments({ accountId: 'odd', status: 'processing' })).toBe(10);
    expect(await Application().countDocuments()).toBe(25);
    expect(await Application().estimatedDocumentCount()).toBe(25);
  });

  it('matches array elements with $elemMatch and dotted paths, and uses $in / $exists / $lt on dates', async () => {
    const overdue = await Application().countDocuments({
      matters: { $elemMatch: { status: 'reviewing', dueDate: { $lt: '2026-02-01' } } },
    });
    expect(overdue).toBe(9);
    expect(
      await Application().countDocuments({ 'matters.status': 'reviewing', accountId: { $in: ['odd'] } }),
    ).toBe(4);
    expect(await Application().countDocuments({ secret: { $exists: false } })).toBe(25);
    expect(await Application().countDocuments({ updatedAt: { $lt: new Date('2026-01-03T00:00:00Z') } })).toBe(
      2,
    );
  });

  it('pushes to and pulls from arrays, and updates one array element found by a filter', async () => {
    await Application().updateOne(
      { seq: 1 },
      {
        $push: {
          timeline: {
            $each: [
              { at: new Date(), note: 'a' },
              { at: new Date(), note: 'b' },
            ],
          },
        },
      },
    );
    await Application().updateOne({ seq: 1 }, { $pull: { employees: { key: 'e1' } } });
    await Application().updateOne(
      { seq: 1, 'matters.matter': 'housingFund' },
      { $set: { 'matters.$.status': 'returned' } },
    );
    type Row = { note?: string; key?: string; matter?: string; status?: string };
    const doc = (await Application().findOne({ seq: 1 }).lean()) as unknown as Record<string, Row[]>;
    expect(doc.timeline.map((t) => t.note)).toEqual(['a', 'b']);
    expect(doc.employees.map((e) => e.key)).toEqual(['e2']);
    expect(doc.matters.find((m) => m.matter === 'housingFund')!.status).toBe('returned');
    expect(doc.matters.find((m) => m.matter === 'employment')!.status).toBe('completed');
  });

  it('groups with aggregate for statistics', async () => {
    const rows = await Application().aggregate([
      { $match: { accountId: 'even' } },
      { $group: { _id: '$status', count: { $sum: 1 } } },
      { $sort: { _id: 1 } },
    ]);
    expect(rows).toEqual([
      { _id: 'completed', count: 3 },
      { _id: 'processing', count: 10 },
    ]);
  });

  it('stores binary data (encrypted fields) byte for byte', async () => {
    const bytes = Buffer.from([0, 1, 2, 250, 255, 128]);
    await Application().updateOne({ seq: 2 }, { $set: { secret: bytes } });
    const doc = await Application().findOne({ seq: 2 }).lean();
    expect(Buffer.from(doc!.secret!.buffer as Uint8Array).equals(bytes)).toBe(true);
  });

  it('deletes by a date filter (scheduled purge of stale drafts)', async () => {
    const result = await Application().deleteMany({ updatedAt: { $lt: new Date('2026-01-04T00:00:00Z') } });
    expect(result.deletedCount).toBe(3);
    expect(await Application().countDocuments()).toBe(22);
  });

  it('neutralises query operators in user input with sanitizeFilter', async () => {
    const Safe = conn.model('SafeDoc', new Schema({ owner: String }));
    await Safe.create({ owner: 'alice' });
    const attack = { $ne: 'nobody' } as unknown as string;
    // Wrapped in $eq, the object can no longer act as an operator; mongoose then refuses to cast it.
    await expect(
      Safe.findOne({ owner: attack }).setOptions({ sanitizeFilter: true }).lean(),
    ).rejects.toMatchObject({
      name: 'CastError',
    });
    expect(await Safe.findOne({ owner: 'alice' }).lean()).not.toBeNull();
  });
});
