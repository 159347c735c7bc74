// Which applications a staff member may see: a clerk (or a county supervisor) those of their county hall,
// city-wide roles all. Anything outside answers 404, as if it did not exist.
import type { Model } from 'mongoose';
import { notFound } from '../http/errors';
import type { ApplicationDoc } from '../applications/models';
import type { StaffMember } from './staffTokens';
import type { AuditEntry } from '../audit/auditLog';

/** The county of a unit on the form: the stated county code, else the USCC's registration division. */
export function countyOfUnit(
  unit: { countyCode?: string | null; uscc?: string | null } | undefined,
): string | undefined {
  if (unit?.countyCode && /^\d{6}$/.test(unit.countyCode)) return unit.countyCode;
  const division = unit?.uscc?.slice(2, 8);
  return division && /^\d{6}$/.test(division) ? division : undefined;
}

export function scopeFilter(staff: StaffMember): Record<string, unknown> {
  return staff.county ? { county: staff.county } : {};
}

/** One application inside the staff member's scope, or 404. */
export async function applicationInScope(Application: Model<ApplicationDoc>, staff: StaffMember, id: string) {
  const doc = await Application.findOne({ _id: id, ...scopeFilter(staff) }).lean();
  if (!doc) throw notFound('办件不存在或不属于本窗口所在区县');
  return doc as ApplicationDoc & { _id: unknown };
}

/** The audit actor of a staff member. */
export const staffActor = (staff: StaffMember): AuditEntry['actor'] => ({
  kind: 'staff',
  id: staff.id,
  role: staff.role,
  ...(staff.county ? { county: staff.county } : {}),
});
