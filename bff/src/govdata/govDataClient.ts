// "系统自动获取": unit data from 市场监管 by USCC and person data from 公安 by ID number.
import type { MarketUnitRecord } from '@hiring/shared';
import { AppError } from '../http/errors';
import { OutboundError, requestJson } from '../http/outbound';

export interface PersonRecord {
  idNumber: string;
  name: string;
  ethnicity: string;
  gender: string;
  hukouAddress: string;
}

export type IdentityCheck = 'match' | 'mismatch' | 'notFound';

const unavailable = () =>
  new AppError(503, 'DATA_SOURCE_UNAVAILABLE', '数据共享服务暂时不可用，请手工填写或稍后重试');

export class GovDataClient {
  constructor(
    private readonly baseUrl: string,
    private readonly timeoutMs = 3000,
  ) {}

  /** GET `path`, or POST `payload` to it; null for a 404. */
  private async get<T>(path: string, payload?: unknown): Promise<T | null> {
    try {
      const { status, body } = await requestJson<T>(new URL(path, this.baseUrl).toString(), {
        timeoutMs: this.timeoutMs,
        ...(payload === undefined ? {} : { method: 'POST', body: payload }),
      });
      if (status === 404) return null;
      if (status !== 200) throw unavailable();
      return body;
    } catch (error) {
      if (error instanceof OutboundError) throw unavailable();
      throw error;
    }
  }

  unit(uscc: string): Promise<MarketUnitRecord | null> {
    return this.get<MarketUnitRecord>(`/market/units/${encodeURIComponent(uscc)}`);
  }

  /** 公安 身份核验: do this name and ID number belong together? */
  async verifyIdentity(name: string, idNumber: string): Promise<IdentityCheck> {
    const answer = await this.get<{ result?: string }>('/police/verifications', { name, idNumber });
    const result = answer?.result;
    if (result === 'match' || result === 'mismatch' || result === 'notFound') return result;
    throw unavailable();
  }

  person(idNumber: string): Promise<PersonRecord | null> {
    return this.get<PersonRecord>(`/police/persons/${encodeURIComponent(idNumber)}`);
  }
}
