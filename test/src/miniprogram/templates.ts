// What each node of Taro's data tree renders as, read from the bundle's own base template (base.wxml /
// base.axml). Taro compresses node names and attributes to aliases (`nn: "33"`, `p25`); the template says
// which platform component an alias is, which attribute each `pN` feeds, and which events the platform
// delivers to the page's `eh` handler for it — so the host renders and dispatches exactly what the
// compiled bundle declares, not what we think Taro does.
import fs from 'node:fs';
import path from 'node:path';

export interface TemplateInfo {
  /** The platform component: view, text, input, button, picker… */
  tag: string;
  /** Attribute name → the alias it is read from (`value` → `p25`). */
  attrs: Map<string, string>;
  /** Event type (lower-case: tap, input, change, blur…) → how it is bound. */
  events: Map<string, 'bind' | 'catch'>;
}

export type TemplateCatalogue = Map<string, TemplateInfo>;

function eventName(raw: string): { type: string; mode: 'bind' | 'catch' } | null {
  // WeChat: bindtap / bind:tap / catchtouchmove; Alipay: onTap / catchTap.
  let m = /^(bind|catch):?([a-z]+)$/.exec(raw);
  if (m) return { type: m[2], mode: m[1] as 'bind' | 'catch' };
  m = /^(on|catch)([A-Z]\w*)$/.exec(raw);
  if (m) return { type: m[2].toLowerCase(), mode: m[1] === 'on' ? 'bind' : 'catch' };
  return null;
}

export function readTemplates(bundleDir: string): TemplateCatalogue {
  const file = ['base.wxml', 'base.axml'].map((f) => path.join(bundleDir, f)).find((f) => fs.existsSync(f));
  if (!file) throw new Error(`${bundleDir} has no base template: is it a Taro mini-program build?`);
  const source = fs.readFileSync(file, 'utf8');
  const catalogue: TemplateCatalogue = new Map();
  const templateRe = /<template name="tmpl_0_([\w]+?)(_blur|_focus)?">([\s\S]*?)<\/template>/g;
  for (const [, alias, variant, body] of source.matchAll(templateRe)) {
    if (variant === '_focus' || catalogue.has(alias)) continue;
    const element = /<(?!template\b|block\b|import\b)([\w-]+)((?:\s+[\w:-]+="[^"]*")*)\s*\/?>/.exec(body);
    if (!element) {
      // A bare text node renders its value inside a <block>; an input only dispatches to its
      // focus/blur variants (read from the _blur one).
      if (/\bi\.v\b/.test(body)) catalogue.set(alias, { tag: '#text', attrs: new Map(), events: new Map() });
      continue;
    }
    const [, tag, attrSource] = element;
    const attrs = new Map<string, string>();
    const events = new Map<string, 'bind' | 'catch'>();
    for (const [, name, value] of attrSource.matchAll(/([\w:-]+)="([^"]*)"/g)) {
      if (value === 'eh') {
        const ev = eventName(name);
        if (ev && !events.has(ev.type)) events.set(ev.type, ev.mode);
        continue;
      }
      const ref = /\bi\.(p\d+)\b/.exec(value);
      if (ref) attrs.set(name, ref[1]);
    }
    catalogue.set(alias, { tag, attrs, events });
  }
  return catalogue;
}
