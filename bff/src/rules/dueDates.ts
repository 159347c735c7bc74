// Due dates of open matters on the calendar in force: run when an official year is entered or withdrawn
// (so 预计 dates become official ones) and by the scheduled jobs, which also heals a recompute a crash cut
// short and gives a due date to any open matter that somehow has none.
import { matterDueDateOf, type MatterCode, type WorkingDayCalendar } from '@hiring/shared';
import { trusted, type Model } from 'mongoose';
import type { ApplicationDoc } from '../applications/models';
import type { Logger } from '../logger';

const OPEN = ['accepted', 'reviewing'];
const PAGE = 200;

export async function recomputeOpenDueDates(
  Application: Model<ApplicationDoc>,
  calendar: WorkingDayCalendar,
  logger: Logger,
): Promise<number> {
  let changed = 0;
  let after: unknown = null;
  for (;;) {
    const filter: Record<string, unknown> = { 'matters.status': trusted({ $in: OPEN }) };
    if (after) filter._id = trusted({ $gt: after });
    const docs = await Application.find(filter, { matters: 1 }).sort({ _id: 1 }).limit(PAGE).lean();
    for (const doc of docs) {
      for (const [index, matter] of doc.matters.entries()) {
        if (!OPEN.includes(matter.status) || !matter.acceptedOn) continue;
        let due;
        try {
          due = matterDueDateOf(calendar, matter.matter as MatterCode, matter.acceptedOn);
        } catch (error) {
          logger.error({ err: error, matter: matter.matter }, 'cannot recompute due date');
          continue;
        }
        if (due.dueDate === matter.dueDate && due.basis === (matter.dueDateBasis ?? 'official')) continue;
        const at = `matters.${index}`;
        const result = await Application.updateOne(
          {
            _id: doc._id,
            [`${at}.matter`]: matter.matter,
            [`${at}.attempt`]: matter.attempt,
            [`${at}.acceptedOn`]: matter.acceptedOn,
            [`${at}.status`]: trusted({ $in: OPEN }),
          },
          { $set: { [`${at}.dueDate`]: due.dueDate, [`${at}.dueDateBasis`]: due.basis } },
        );
        changed += result.modifiedCount;
      }
    }
    if (docs.length < PAGE) break;
    after = docs[docs.length - 1]._id;
  }
  if (changed) logger.info({ changed }, 'due dates recomputed');
  return changed;
}
