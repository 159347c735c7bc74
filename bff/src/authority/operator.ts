// The form's 经办人 is the verified account holder: name and ID number come from the verification, never
// from what was typed (only the phone number is the operator's to give).
import type { VerifiedIdentity } from './identityService';

export function withVerifiedOperator(
  form: unknown,
  identity: Pick<VerifiedIdentity, 'name' | 'idNumber'> | null,
) {
  if (!identity || !form || typeof form !== 'object') return form;
  const application = form as { unit?: { operator?: Record<string, unknown> } & Record<string, unknown> };
  const unit = application.unit ?? {};
  return {
    ...application,
    unit: {
      ...unit,
      operator: { ...(unit.operator ?? {}), name: identity.name, idNumber: identity.idNumber },
    },
  };
}
