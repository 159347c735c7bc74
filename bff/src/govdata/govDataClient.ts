// "系统自动获取": unit data from 市场监管 by USCC and person data from 公安 by ID number.
import { AppError } from '../http/errors';
import { OutboundError, requestJson } from '../http/outbound';

export interface UnitRecord {
  uscc: string;
  name: string;
  address: string;
  legalRepresentative: string;
  socialInsuranceCode: string | null;
  housingFundAccount: string | null;
}

export interface PersonRecord {
  idNumber: string;
  name: string;
  ethnicity: string;
  gender: string;
  hukouAddress: string;
}

const unavailable = () =>
  new AppError(503, 'DATA_SOURCE_UNAVAILABLE', '数据共享服务暂时不可用，请手工填写或稍后重试');

export class GovDataClient {
  constructor(
    private readonly baseUrl: string,
    private readonly timeoutMs = 3000,
  ) {}

  private async get<T>(path: string): Promise<T | null> {
    try {
      const { status, body } = await requestJson<T>(new URL(path, this.baseUrl).toString(), {
        timeoutMs: this.timeoutMs,
      });
      if (status === 404) return null;
      if (status !== 200) throw unavailable();
      return body;
    } catch (error) {
      if (error instanceof OutboundError) throw unavailable();
      throw error;
    }
  }

  unit(uscc: string): Promise<UnitRecord | null> {
    return this.get<UnitRecord>(`/market/units/${encodeURIComponent(uscc)}`);
  }

  person(idNumber: string): Promise<PersonRecord | null> {
    return this.get<PersonRecord>(`/police/persons/${encodeURIComponent(idNumber)}`);
  }
}
