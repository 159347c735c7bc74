// Where the bytes of each build go: after every build, the size of each module's output per chunk, grouped by
// origin (a package under node_modules, shared/src, client/src), written to client/.temp/module-sizes-<target>.json
// for `npm run size` to print. Sizes are webpack's own (pre-minification source size of each module as bundled).
import fs from 'node:fs';
import path from 'node:path';
import type { Compilation, Compiler, Module } from 'webpack';

const CLIENT = path.resolve(__dirname, '..');
const ROOT = path.resolve(CLIENT, '..');

/** `byFile`: file by file rather than by package (SIZE_FILES=1), for finding what to split off. */
export function originOf(resource: string, byFile = false): string {
  const rel = path.relative(ROOT, resource).split(path.sep).join('/');
  if (byFile) return rel.replace(/^(\.\.\/)+/, '');
  const nm = rel.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const parts = rel.slice(nm + 'node_modules/'.length).split('/');
    return parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
  }
  if (rel.startsWith('shared/src/')) return `shared/src/${rel.slice('shared/src/'.length).split('/')[0]}`;
  if (rel.startsWith('client/src/')) return 'client/src';
  return rel.split('/')[0] || rel;
}

export class ModuleSizesPlugin {
  constructor(private readonly target: string) {}

  apply(compiler: Compiler): void {
    compiler.hooks.afterEmit.tap('ModuleSizesPlugin', (compilation) => {
      const chunks: Record<string, Record<string, number>> = {};
      const byFile = process.env.SIZE_FILES === '1';
      for (const chunk of compilation.chunks) {
        const files = [...chunk.files].filter((f) => f.endsWith('.js'));
        if (!files.length) continue;
        const byOrigin: Record<string, number> = {};
        for (const module of compilation.chunkGraph.getChunkModulesIterable(chunk)) {
          const resource = (module as { resource?: string }).resource;
          const inner = (module as { modules?: { resource?: string; size(): number }[] }).modules;
          // Concatenated modules keep their parts: count each part where it comes from.
          const parts = inner?.length ? inner : [{ resource, size: () => module.size() }];
          for (const part of parts) {
            const origin = part.resource ? originOf(part.resource, byFile) : '(webpack runtime)';
            byOrigin[origin] = (byOrigin[origin] ?? 0) + part.size();
          }
        }
        chunks[files[0]] = byOrigin;
      }
      const why = process.env.SIZE_WHY;
      if (why) printWhy(compilation, why);
      const out = path.join(CLIENT, '.temp', `module-sizes-${this.target}.json`);
      fs.mkdirSync(path.dirname(out), { recursive: true });
      fs.writeFileSync(out, JSON.stringify(chunks, null, 1));
    });
  }
}

/**
 * `SIZE_WHY=<package> npm run build:h5`: prints what brings the package into the build — for each of its
 * modules in a chunk, the modules outside it that import it (active imports only), then theirs, up to
 * the entry — for finding what to cut when a package appears in the size report.
 */
function printWhy(compilation: Compilation, origin: string): void {
  const { moduleGraph, chunkGraph } = compilation;
  const name = (m: Module) => {
    const r = (m as { resource?: string }).resource;
    return r ? path.relative(ROOT, r) : m.identifier().slice(0, 120);
  };
  const inPackage = (m: Module) => {
    const r = (m as { resource?: string }).resource;
    return !!r && originOf(r) === origin;
  };
  const seen = new Set<Module>();
  // A module concatenated into another is in no chunk itself: the whole package's modules are the start.
  let frontier = [...compilation.modules].filter(inPackage);
  const alone = frontier.filter((m) => chunkGraph.getNumberOfModuleChunks(m) > 0).length;
  console.log(`[module-sizes] why ${origin}: ${frontier.length} modules (${alone} in chunks on their own)`);
  for (let depth = 0; depth < 12 && frontier.length; depth++) {
    const next: Module[] = [];
    for (const m of frontier) {
      for (const c of moduleGraph.getIncomingConnections(m)) {
        const from = c.originModule;
        if (!from || seen.has(from) || !c.isActive(undefined) || inPackage(from)) continue;
        seen.add(from);
        next.push(from);
        console.log(`  ${'  '.repeat(depth)}${name(from)} -> ${name(m)}`);
      }
    }
    frontier = next;
  }
}
