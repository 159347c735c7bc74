// Mongoose connection with the query hardening the whole app relies on.
import mongoose from 'mongoose';

// Reject unknown fields in filters and neutralise operators ($gt, $where…) in filter values: a value that
// came from a request can never act as a query operator. Our own operators are marked with mongoose.trusted().
mongoose.set('strictQuery', true);
mongoose.set('sanitizeFilter', true);

export async function connectDatabase(uri: string): Promise<mongoose.Connection> {
  const connection = mongoose.createConnection(uri, { serverSelectionTimeoutMS: 10000, maxPoolSize: 20 });
  await connection.asPromise();
  return connection;
}

export async function pingDatabase(connection: mongoose.Connection): Promise<boolean> {
  try {
    await connection.db?.admin().command({ ping: 1 });
    return true;
  } catch {
    return false;
  }
}

/** The models of these schemas on a connection, by name; each is compiled once per connection. */
export type ModelsOf<S extends Record<string, mongoose.Schema>> = {
  [Name in keyof S]: mongoose.Model<mongoose.InferSchemaType<S[Name]>>;
};

export function modelsOf<S extends Record<string, mongoose.Schema>>(
  db: mongoose.Connection,
  schemas: S,
): ModelsOf<S> {
  const models = Object.entries(schemas).map(([name, schema]) => [
    name,
    db.models[name] ?? db.model(name, schema),
  ]);
  return Object.fromEntries(models) as ModelsOf<S>;
}
