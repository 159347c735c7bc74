// setData as the platforms apply it: each key is a data path (`root.cn.[0].cn[2].v`, `list[3]`), the
// value replaces what is at that path, and missing intermediate objects/arrays are created.
export function parsePath(key: string): (string | number)[] {
  const parts: (string | number)[] = [];
  const re = /\[(\d+)\]|([^.[\]]+)/g;
  for (const m of key.matchAll(re)) parts.push(m[1] !== undefined ? Number(m[1]) : m[2]);
  return parts;
}

export function applyPath(target: Record<string, unknown>, key: string, value: unknown): void {
  const parts = parsePath(key);
  if (!parts.length) throw new Error(`setData: empty key`);
  let node: Record<string | number, unknown> = target;
  for (let i = 0; i < parts.length - 1; i++) {
    const part = parts[i];
    let next = node[part];
    if (next === null || typeof next !== 'object') {
      next = typeof parts[i + 1] === 'number' ? [] : {};
      node[part] = next;
    }
    node = next as Record<string | number, unknown>;
  }
  node[parts[parts.length - 1]] = value;
}
