// Reading a page the way a user sees it: Taro's data tree (what setData delivered) walked with the
// bundle's template catalogue. Text is what the templates would print; ids are the rendered `id`s.
import type { TemplateCatalogue, TemplateInfo } from './templates';

export interface MpNode {
  nn: string;
  sid: string;
  uid?: string;
  v?: string;
  cl?: string;
  st?: string;
  cn?: MpNode[];
  [alias: string]: unknown;
}

export class RenderedNode {
  constructor(
    readonly raw: MpNode,
    readonly template: TemplateInfo,
    readonly parent: RenderedNode | null,
    private readonly catalogue: TemplateCatalogue,
  ) {}

  get tag(): string {
    return this.template.tag;
  }

  /** The rendered id: Taro renders `uid || sid`. */
  get id(): string {
    return this.raw.uid ?? this.raw.sid;
  }

  get className(): string {
    return this.raw.cl ?? '';
  }

  hasClass(name: string): boolean {
    return this.className.split(/\s+/).includes(name);
  }

  /** An attribute as the template renders it (`value`, `disabled`, `range`…). */
  attr(name: string): unknown {
    const alias = this.template.attrs.get(name);
    if (alias) return this.raw[alias];
    // Props the template does not alias (role, ariaLabel…) travel under their camel-cased names.
    return this.raw[name.replace(/-(\w)/g, (_, c: string) => c.toUpperCase())];
  }

  get children(): RenderedNode[] {
    return (this.raw.cn ?? []).map((c) => wrap(c, this, this.catalogue));
  }

  /** Hidden by an inline display:none (what Taro writes for `hidden`-like styles). */
  get hidden(): boolean {
    return /display:\s*none/.test(this.raw.st ?? '');
  }

  /** The text a user would read in this node, whitespace collapsed. */
  get text(): string {
    const parts: string[] = [];
    const visit = (n: RenderedNode) => {
      if (n.hidden) return;
      if (n.raw.v !== undefined) parts.push(String(n.raw.v));
      else if (n.tag === 'input' || n.tag === 'textarea') parts.push(String(n.attr('value') ?? ''));
      for (const c of n.children) visit(c);
    };
    visit(this);
    return parts.join('').replace(/\s+/g, ' ').trim();
  }

  *walk(): Generator<RenderedNode> {
    if (this.hidden) return;
    yield this;
    for (const c of this.children) yield* c.walk();
  }

  find(predicate: (n: RenderedNode) => boolean): RenderedNode | undefined {
    for (const n of this.walk()) if (predicate(n)) return n;
    return undefined;
  }

  findAll(predicate: (n: RenderedNode) => boolean): RenderedNode[] {
    return [...this.walk()].filter(predicate);
  }

  byId(id: string): RenderedNode | undefined {
    return this.find((n) => n.raw.uid === id);
  }

  /** The innermost element whose text is exactly (or matches) `text`. */
  byText(text: string | RegExp): RenderedNode | undefined {
    const matches = this.findAll((n) =>
      n.tag === '#text' ? false : typeof text === 'string' ? n.text === text : text.test(n.text),
    );
    return matches[matches.length - 1];
  }

  ancestors(): RenderedNode[] {
    const out: RenderedNode[] = [];
    for (let p = this.parent; p; p = p.parent) out.push(p);
    return out;
  }

  count(): number {
    let n = 0;
    for (const _ of this.walk()) n += 1;
    return n;
  }
}

export function wrap(raw: MpNode, parent: RenderedNode | null, catalogue: TemplateCatalogue): RenderedNode {
  const template =
    catalogue.get(String(raw.nn)) ??
    // Text nodes and the static/pure view variants Taro picks when nothing is bound.
    (raw.v !== undefined
      ? { tag: '#text', attrs: new Map(), events: new Map() }
      : { tag: `unknown:${raw.nn}`, attrs: new Map(), events: new Map() });
  return new RenderedNode(raw, template, parent, catalogue);
}

/** All nodes in a data tree, hidden ones included (the platform's node-count limit counts them). */
export function countNodes(raw: unknown): number {
  if (!raw || typeof raw !== 'object') return 0;
  const node = raw as MpNode;
  return 1 + (Array.isArray(node.cn) ? node.cn.reduce((sum, c) => sum + countNodes(c), 0) : 0);
}
