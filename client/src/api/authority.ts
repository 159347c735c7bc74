// The bff routes of issue 13 (my identity, my units, operators, invitations, revocation). Kept apart from
// endpoints.ts so that only the pages that use them carry them: the WeChat main package is at its limit.
import { apiClient } from '../services';
import type { ApiClient } from './client';
import type { Identity, Operator, OperatorGrant, Page, Revoked, UnitAuthority } from './types';

export function authorityEndpoints(api: ApiClient) {
  return {
    identity: () => api.get<Identity>('/identity'),
    verifyIdentity: (name: string, idNumber: string) =>
      api.send<Identity>('POST', '/identity', { name, idNumber }),
    myUnits: () => api.get<Page<'listMyUnits'>>('/units'),
    claimUnit: (uscc: string) => api.send<UnitAuthority>('POST', '/units', { uscc }),
    operators: (uscc: string) =>
      api.get<Page<'listOperators'>>(`/units/${encodeURIComponent(uscc)}/operators`),
    inviteOperator: (uscc: string, grant: OperatorGrant) =>
      api.send<Operator>('POST', `/units/${encodeURIComponent(uscc)}/operators`, grant),
    authorityEvents: (uscc: string) =>
      api.get<Page<'listAuthorityEvents'>>(`/units/${encodeURIComponent(uscc)}/events?pageSize=50`),
    invitations: () => api.get<Page<'listInvitations'>>('/invitations'),
    acceptInvitation: (id: string) =>
      api.send<UnitAuthority>('POST', `/invitations/${encodeURIComponent(id)}/accept`),
    revokeAuthority: (id: string) =>
      api.send<Revoked>('POST', `/authorities/${encodeURIComponent(id)}/revoke`),
  };
}

export const authorityApi = authorityEndpoints(apiClient);
