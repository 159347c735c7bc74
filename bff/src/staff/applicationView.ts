// One application as staff see it: inside their scope (else 404), the view audited, without the query
// password that only the employer's receipt carries. The clerk's and the supervisor's drill-downs both
// start here; the supervisor's masks more on top.
import type { Services } from '../context';
import { applicationDetail } from '../applications/view';
import { applicationInScope, staffActor } from './scope';
import type { StaffMember } from './staffTokens';

export async function staffApplicationView(
  { applications, audit, cipher }: Pick<Services, 'applications' | 'audit' | 'cipher'>,
  staff: StaffMember,
  id: string,
) {
  const doc = await applicationInScope(applications, staff, id);
  const { queryPassword: _password, ...detail } = applicationDetail(doc as never, cipher);
  await audit.record({ actor: staffActor(staff), action: 'staff.view', subject: doc.code });
  return {
    ...detail,
    uscc: doc.uscc ?? '',
    county: doc.county ?? null,
    channel: doc.channel ?? 'online',
  };
}
