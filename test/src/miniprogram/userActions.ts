// What a user does on a mini-program page, in the words of the form: fill the field labelled by its id,
// choose an option by its label, tick a box, pick a date — each through the platform's own events.
import type { MiniProgramHost } from './host';
import type { RenderedNode } from './tree';

export class MiniProgramUser {
  constructor(private readonly host: MiniProgramHost) {}

  node(id: string): RenderedNode {
    const node = this.host.root().byId(id);
    if (!node)
      throw new Error(
        `${this.host.route}: no element #${id}.\nPage text: ${this.host.text().slice(0, 1500)}`,
      );
    return node;
  }

  async waitNode(id: string, timeoutMs?: number): Promise<RenderedNode> {
    return this.host.waitFor(`#${id}`, () => this.host.root().byId(id), timeoutMs);
  }

  async fill(id: string, value: string): Promise<void> {
    await this.host.input(await this.waitNode(id), value);
  }

  /** The value an input shows, or the label a picker shows. */
  value(id: string): string {
    const node = this.node(id);
    return node.tag === 'input' ? String(node.attr('value') ?? '') : node.text;
  }

  async waitValue(id: string, expected: string, timeoutMs?: number): Promise<void> {
    await this.host.waitFor(
      `#${id} = "${expected}" (now "${this.host.root().byId(id) ? this.value(id) : '—'}")`,
      () => this.value(id) === expected,
      timeoutMs,
    );
  }

  private picker(id: string): RenderedNode {
    const node = this.node(id);
    const picker = [node, ...node.ancestors()].find((n) => n.tag === 'picker');
    if (!picker) throw new Error(`#${id} is not inside a picker`);
    return picker;
  }

  /** A selector picker: the option whose label is or contains `label`. */
  async choose(id: string, label: string): Promise<void> {
    await this.waitNode(id);
    const picker = this.picker(id);
    const range = ((picker.attr('range') ?? []) as unknown[]).map(String);
    const exact = range.find((r) => r === label) ?? range.find((r) => r.includes(label));
    if (!exact) throw new Error(`#${id}: no option "${label}" among ${range.join('、')}`);
    await this.host.pick(picker, exact);
  }

  /** A date or month picker: the platform reports the chosen value as YYYY-MM-DD or YYYY-MM. */
  async date(id: string, value: string): Promise<void> {
    await this.waitNode(id);
    await this.host.change(this.picker(id), value);
  }

  checked(id: string): boolean {
    const node = this.node(id);
    return node.attr('aria-checked') === true || node.hasClass('choice--checked');
  }

  async check(id: string, on = true): Promise<void> {
    await this.waitNode(id);
    if (this.checked(id) !== on) await this.host.tap(this.node(id));
    await this.host.waitFor(`#${id} ${on ? 'ticked' : 'cleared'}`, () => this.checked(id) === on);
  }

  async tap(id: string): Promise<void> {
    await this.host.tap(await this.waitNode(id));
  }

  /** The value beside a key–value label (`办件编码` → the code). */
  kv(label: string): string | undefined {
    const row = this.host
      .root()
      .find((n) => n.hasClass('kv') && n.children.some((c) => c.hasClass('kv__k') && c.text === label));
    return row?.children.find((c) => c.hasClass('kv__v'))?.text;
  }

  /** The card whose title is `title` (a matter on the detail page). */
  card(title: string): RenderedNode | undefined {
    return this.host
      .root()
      .find((n) => n.hasClass('card') && !!n.find((c) => c.hasClass('card__title') && c.text === title));
  }
}
