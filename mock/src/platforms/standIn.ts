// What the WeChat and Alipay stand-ins both keep: a clock tests can move, faults, one-time login codes,
// subscribe-message consents and templates, and the messages sent; each platform adds its own tokens.
import { NO_FAULTS, type Faults } from '../http/faults';
import { CodeStore, OffsetClock } from './devCodes';
import { Consents, DEFAULT_TEMPLATES, type Template } from './templates';

export abstract class PlatformStandIn<User, Message> {
  readonly clock = new OffsetClock();
  readonly faults: Faults = { ...NO_FAULTS };
  readonly codes = new CodeStore<User>(this.clock.now);
  readonly consents = new Consents();
  readonly templates = new Map<string, Template>(DEFAULT_TEMPLATES.map((t) => [t.id, t]));
  readonly messages: Message[] = [];

  /** Back to a fresh platform: no codes, consents, messages or faults, the default templates, real time. */
  reset(): void {
    this.codes.clear();
    this.consents.clear();
    this.messages.length = 0;
    this.templates.clear();
    for (const template of DEFAULT_TEMPLATES) this.templates.set(template.id, template);
    this.clock.offsetMs = 0;
    Object.assign(this.faults, NO_FAULTS);
  }
}
