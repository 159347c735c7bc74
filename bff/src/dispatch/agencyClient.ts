// The agencies' case intake over HTTP: deliver a case under an idempotency key, or ask what became of it.
import { OutboundError, requestJson } from '../http/outbound';

export type AgencyId = 'hrss' | 'medicalSecurity' | 'housingFund';

export interface AgencyCaseView {
  caseId: string;
  status: 'accepted' | 'reviewing' | 'completed' | 'returned';
  reasons?: { code: string; message: string; employeeIndex?: number }[];
  steps?: { code: string; label: string; status?: string; at?: string }[];
  sequence?: number;
  decidedAt?: string | null;
  /** On completion: the unit codes and each hire's numbers (see agencyResults.ts). */
  result?: unknown;
}

export type DeliveryOutcome =
  | { kind: 'answered'; view: AgencyCaseView }
  /** The agency refused the request itself (400/422): resending the same thing cannot help. */
  | {
      kind: 'rejected';
      status: number;
      code: string;
      message: string;
      errors: { path?: string; message: string }[];
    }
  /** Timeout, network failure or 5xx: the case may or may not have been registered. */
  | { kind: 'unknown'; error: string };

export class AgencyClient {
  constructor(
    private readonly urls: Record<AgencyId, string>,
    private readonly timeoutMs: number,
  ) {}

  async deliver(agency: AgencyId, idempotencyKey: string, payload: unknown): Promise<DeliveryOutcome> {
    try {
      const { status, body } = await requestJson<Record<string, unknown>>(
        new URL('/cases', this.urls[agency]).toString(),
        {
          method: 'POST',
          body: payload,
          headers: { 'Idempotency-Key': idempotencyKey },
          timeoutMs: this.timeoutMs,
        },
      );
      if (status === 200 || status === 201)
        return { kind: 'answered', view: body as unknown as AgencyCaseView };
      if (status === 400 || status === 422) {
        return {
          kind: 'rejected',
          status,
          code: String(body?.code ?? 'REJECTED'),
          message: String(body?.message ?? '部门系统拒收'),
          errors: Array.isArray(body?.errors) ? (body.errors as { path?: string; message: string }[]) : [],
        };
      }
      return { kind: 'unknown', error: `HTTP ${status}` };
    } catch (error) {
      if (error instanceof OutboundError)
        return { kind: 'unknown', error: `${error.kind}: ${error.message}` };
      throw error;
    }
  }

  /** null: the agency never received this key (safe to send); throws OutboundError when it cannot tell. */
  async findByKey(agency: AgencyId, idempotencyKey: string): Promise<AgencyCaseView | null> {
    return this.query(agency, `/cases/by-key/${encodeURIComponent(idempotencyKey)}`);
  }

  async findByCase(agency: AgencyId, caseId: string): Promise<AgencyCaseView | null> {
    return this.query(agency, `/cases/${encodeURIComponent(caseId)}`);
  }

  private async query(agency: AgencyId, path: string): Promise<AgencyCaseView | null> {
    const { status, body } = await requestJson<AgencyCaseView>(new URL(path, this.urls[agency]).toString(), {
      timeoutMs: this.timeoutMs,
    });
    if (status === 404) return null;
    if (status !== 200) throw new OutboundError('http', `HTTP ${status}`, status);
    return body;
  }
}
