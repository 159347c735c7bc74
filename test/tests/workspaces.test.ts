// The workspaces' layering: each declares the workspaces it imports, and the bff's production code (what
// `npm run build -w bff` ships) never imports the stand-ins.
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '..', '..');
const WORKSPACES = ['shared', 'mock', 'bff', 'client', 'test'];
const SKIP = new Set(['node_modules', 'dist', '.temp', 'artifacts', 'coverage']);

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return SKIP.has(entry.name) ? [] : sourceFiles(full);
    return /\.(ts|tsx|js|mjs)$/.test(entry.name) ? [full] : [];
  });
}

const importsOf = (file: string) =>
  [...fs.readFileSync(file, 'utf8').matchAll(/(?:from |require\()['"](@hiring\/[a-z]+)['"]/g)].map(
    (m) => m[1],
  );

it('every workspace declares the workspaces it imports', () => {
  const missing: string[] = [];
  let checked = 0;
  for (const name of WORKSPACES) {
    const manifest = JSON.parse(fs.readFileSync(path.join(root, name, 'package.json'), 'utf8'));
    const declared = new Set([
      manifest.name,
      ...Object.keys(manifest.dependencies ?? {}),
      ...Object.keys(manifest.devDependencies ?? {}),
    ]);
    const imported = new Set(sourceFiles(path.join(root, name)).flatMap(importsOf));
    checked += imported.size;
    for (const dependency of imported) if (!declared.has(dependency)) missing.push(`${name} → ${dependency}`);
  }
  expect(checked).toBeGreaterThanOrEqual(6); // client, mock and test import others: the scan sees them
  expect(missing).toEqual([]);
});

it("keeps the stand-ins out of the bff's production code", () => {
  const production = sourceFiles(path.join(root, 'bff/src')).filter((f) => !/\.test\.ts$/.test(f));
  expect(production.length).toBeGreaterThan(20);
  expect(
    production.filter((f) => importsOf(f).includes('@hiring/mock')).map((f) => path.relative(root, f)),
  ).toEqual([]);
  const manifest = JSON.parse(fs.readFileSync(path.join(root, 'bff/package.json'), 'utf8'));
  expect(manifest.dependencies['@hiring/mock']).toBeUndefined();
});
