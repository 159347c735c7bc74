// The platforms' documented API shapes, read from their published type definitions (WeChat's
// miniprogram-api-typings, Alipay's @mini-types): for each API on `wx` / `my`, the option object's keys and
// which are required. The fake platform APIs check every call against these, so a parameter the platform
// does not know (Alipay's `headers` sent to WeChat, `header` sent to Alipay) or a missing required one
// fails the test, as it would fail (often silently) on a phone.
import path from 'node:path';
import ts from 'typescript';

export type PlatformName = 'weapp' | 'alipay';

export interface OptionShape {
  /** Every key the option object may have. */
  keys: Set<string>;
  /** Keys that must be present. */
  required: Set<string>;
}

export type ApiShapes = Map<string, OptionShape | null>;

const ENTRY: Record<PlatformName, { file: string; global: string }> = {
  weapp: { file: 'miniprogram-api-typings/types/index.d.ts', global: 'wx' },
  alipay: { file: '@mini-types/alipay/types/index.d.ts', global: 'my' },
};

const cache = new Map<PlatformName, ApiShapes>();

/** Reads the shapes once per process (building the type program takes a few seconds). */
export function apiShapes(platform: PlatformName): ApiShapes {
  const known = cache.get(platform);
  if (known) return known;
  const { file, global } = ENTRY[platform];
  const entry = require.resolve(file, { paths: [__dirname] });
  const probe = path.join(path.dirname(entry), '__probe__.ts');
  const source = `/// <reference path="${entry}" />\nexport const api = ${global};\n`;
  const options: ts.CompilerOptions = {
    noEmit: true,
    skipLibCheck: true,
    types: [],
    lib: ['lib.es2020.d.ts'],
  };
  const host = ts.createCompilerHost(options);
  const readFile = host.readFile.bind(host);
  host.readFile = (name) => (name === probe ? source : readFile(name));
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (name) => name === probe || fileExists(name);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (name, lang) =>
    name === probe ? ts.createSourceFile(name, source, lang) : getSourceFile(name, lang);
  const program = ts.createProgram([probe], options, host);
  const checker = program.getTypeChecker();
  const sourceFile = program.getSourceFile(probe)!;
  let apiType: ts.Type | undefined;
  sourceFile.forEachChild((node) => {
    if (ts.isVariableStatement(node)) {
      apiType = checker.getTypeAtLocation(node.declarationList.declarations[0].name);
    }
  });
  if (!apiType) throw new Error(`no type for ${global}`);
  const shapes: ApiShapes = new Map();
  for (const member of checker.getPropertiesOfType(apiType)) {
    const memberType = checker.getTypeOfSymbol(member);
    const signatures = memberType.getCallSignatures();
    if (!signatures.length) continue;
    // Overloads (promise and callback forms) share the option type; take the widest key set.
    let shape: OptionShape | null = null;
    for (const signature of signatures) {
      const first = signature.getParameters()[0];
      if (!first) continue;
      const paramType = checker.getNonNullableType(checker.getTypeOfSymbol(first));
      const props = checker.getPropertiesOfType(checker.getApparentType(paramType));
      if (!props.length || paramType.flags & (ts.TypeFlags.StringLike | ts.TypeFlags.NumberLike)) continue;
      const keys = new Set(props.map((p) => p.getName()));
      const required = new Set(
        props.filter((p) => !(p.getFlags() & ts.SymbolFlags.Optional)).map((p) => p.getName()),
      );
      if (!shape || keys.size > shape.keys.size) shape = { keys, required };
    }
    shapes.set(member.getName(), shape);
  }
  cache.set(platform, shapes);
  return shapes;
}
