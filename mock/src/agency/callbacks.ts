// Delivers signed result callbacks with retries. Callbacks wait in a queue while no URL is configured,
// because the bff may start after the mocks and set its URL later through POST /_admin/config.
import type { Faults } from '../http/faults';
import type { Rng } from '../rng';
import { signCallback } from '../signing';

export interface CallbackPayload {
  caseId: string;
  idempotencyKey: string;
  matter: string;
  applicationCode: string;
  status: 'reviewing' | 'completed' | 'returned';
  reasons?: { code: string; message: string; employeeIndex?: number }[];
  decidedAt: string;
  sequence: number;
  [extra: string]: unknown;
}

export interface DeliveryRecord {
  caseId: string;
  sequence: number;
  status: CallbackPayload['status'];
  /** queued: no URL yet; held: kept back by the callbackHold fault; sending: attempts in progress; delivered: a 2xx came back; failed: retries exhausted; lost: dropped by the callbackLoss fault. */
  state: 'queued' | 'held' | 'sending' | 'delivered' | 'failed' | 'lost';
  attempts: number;
  duplicated: boolean;
  lastError?: string;
}

export interface CallbackOptions {
  getUrl(): string | undefined;
  getSecret(): string;
  /** Who signs: the agency's id, part of every signature. */
  agency: string;
  faults: Faults;
  rng: Rng;
  /** Waits between attempts; attempts = retryDelaysMs.length + 1. */
  retryDelaysMs: number[];
  attemptTimeoutMs: number;
}

export class CallbackSender {
  readonly deliveries: DeliveryRecord[] = [];
  private readonly queued: { payload: CallbackPayload; record: DeliveryRecord }[] = [];
  private readonly payloads = new WeakMap<DeliveryRecord, CallbackPayload>();
  private readonly held: { payload: CallbackPayload; record: DeliveryRecord }[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly inFlight = new Set<AbortController>();
  private stopped = false;

  constructor(private readonly options: CallbackOptions) {}

  send(payload: CallbackPayload): void {
    const record: DeliveryRecord = {
      caseId: payload.caseId,
      sequence: payload.sequence,
      status: payload.status,
      state: 'queued',
      attempts: 0,
      duplicated: false,
    };
    this.deliveries.push(record);
    this.payloads.set(record, payload);
    if (!this.options.getUrl()) {
      this.queued.push({ payload, record });
      return;
    }
    this.dispatch(payload, record);
  }

  /** Sends whatever waited for a URL. */
  flush(): void {
    if (!this.options.getUrl()) return;
    for (const item of this.queued.splice(0)) this.dispatch(item.payload, item.record);
  }

  /** Sends the held callbacks, in production order or reversed (to test a receiver's sequence check). */
  release(reverse: boolean): number {
    const items = this.held.splice(0);
    if (reverse) items.reverse();
    for (const item of items) this.dispatch(item.payload, item.record, true);
    return items.length;
  }

  /** Sends again every callback whose retries ran out (e.g. the bff was down longer than the retry window). */
  redeliverFailed(): number {
    if (!this.options.getUrl()) return 0;
    const failed = this.deliveries.filter((record) => record.state === 'failed');
    for (const record of failed) {
      record.state = 'sending';
      void this.attempt(JSON.stringify(this.payloads.get(record)), record, 0);
    }
    return failed.length;
  }

  clear(): void {
    this.queued.length = 0;
    this.held.length = 0;
    this.deliveries.length = 0;
  }

  stop(): void {
    this.stopped = true;
    for (const timer of this.timers) clearTimeout(timer);
    for (const controller of this.inFlight) controller.abort();
  }

  private dispatch(payload: CallbackPayload, record: DeliveryRecord, released = false): void {
    const { faults, rng } = this.options;
    if (faults.callbackHold && !released) {
      record.state = 'held';
      this.held.push({ payload, record });
      return;
    }
    if (faults.callbackLoss > 0 && rng() < faults.callbackLoss) {
      record.state = 'lost';
      return;
    }
    const rawBody = JSON.stringify(payload);
    record.state = 'sending';
    void this.attempt(rawBody, record, 0);
    if (faults.callbackDuplicate > 0 && rng() < faults.callbackDuplicate) {
      record.duplicated = true;
      const copy: DeliveryRecord = { ...record, state: 'sending', attempts: 0, duplicated: true };
      this.deliveries.push(copy);
      this.later(50, () => void this.attempt(rawBody, copy, 0));
    }
  }

  private async attempt(rawBody: string, record: DeliveryRecord, index: number): Promise<void> {
    const url = this.options.getUrl();
    if (this.stopped || !url) return;
    record.attempts += 1;
    const controller = new AbortController();
    this.inFlight.add(controller);
    const timer = setTimeout(() => controller.abort(), this.options.attemptTimeoutMs);
    try {
      // Each attempt is signed afresh: a receiver's nonce cache must not turn a retry into a "replay".
      const response = await fetch(url, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          ...signCallback(this.options.getSecret(), this.options.agency, rawBody),
        },
        body: rawBody,
        signal: controller.signal,
      });
      await response.arrayBuffer().catch(() => undefined);
      if (response.ok) {
        record.state = 'delivered';
        record.lastError = undefined;
        return;
      }
      record.lastError = `HTTP ${response.status}`;
    } catch (error) {
      record.lastError = (error as Error).name === 'AbortError' ? 'timeout' : (error as Error).message;
    } finally {
      clearTimeout(timer);
      this.inFlight.delete(controller);
    }
    const delay = this.options.retryDelaysMs[index];
    if (delay === undefined || this.stopped) {
      record.state = 'failed';
      return;
    }
    this.later(delay, () => void this.attempt(rawBody, record, index + 1));
  }

  private later(ms: number, fn: () => void): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      fn();
    }, ms);
    this.timers.add(timer);
  }
}
