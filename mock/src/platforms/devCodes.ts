// Login codes as the platforms issue them: single use, valid for five minutes. In the stand-ins a code is
// minted by POST /_dev/code instead of by the WeChat/Alipay client, which is how the H5 dev login works.
import { randomBytes } from 'node:crypto';

export const CODE_TTL_MS = 5 * 60 * 1000;

export type Redemption<S> = { ok: true; subject: S } | { ok: false; error: 'invalid' | 'used' | 'expired' };

export class CodeStore<S> {
  private readonly codes = new Map<string, { subject: S; issuedAt: number; used: boolean }>();

  constructor(private readonly now: () => number) {}

  mint(subject: S): string {
    const code = randomBytes(16).toString('hex');
    this.codes.set(code, { subject, issuedAt: this.now(), used: false });
    return code;
  }

  redeem(code: string): Redemption<S> {
    const entry = this.codes.get(code);
    if (!entry) return { ok: false, error: 'invalid' };
    if (entry.used) return { ok: false, error: 'used' };
    if (this.now() - entry.issuedAt > CODE_TTL_MS) return { ok: false, error: 'expired' };
    entry.used = true;
    return { ok: true, subject: entry.subject };
  }

  clear(): void {
    this.codes.clear();
  }
}

/** A test clock: platforms compare expiry against real time plus an offset that /_admin/clock advances. */
export class OffsetClock {
  offsetMs = 0;
  now = (): number => Date.now() + this.offsetMs;
}
