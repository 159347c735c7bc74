// A year of submitted applications in the shape the bff stores them, for what reads many at once (the
// supervisor's dashboard and its Excel export): written straight into the database, no form behind them
// (`sealed` is a placeholder: the figures never read it). Deterministic from a seed, and varied on
// purpose: every county, every matter status, 即办 and 3-working-day matters done on time, late or not
// yet, some never accepted, returns with one or two reasons, ratings on about a third.
import { Types, type Connection } from 'mongoose';
import { createRng } from '@hiring/mock';
import { MATTERS, SHANGRAO_COUNTIES, addDays, todayInChina, type IsoDate } from '@hiring/shared';

const COUNTIES = Object.keys(SHANGRAO_COUNTIES);
const REASONS = [
  { code: 'NAME_MISMATCH', message: '姓名不一致' },
  { code: 'HOUSING_FUND_BASE_OUT_OF_RANGE', message: '月缴存基数超出范围' },
  { code: 'ID_NUMBER_INVALID', message: '身份证号码有误' },
];

const chinaTime = (day: IsoDate, hour: number) =>
  new Date(`${day}T${String(hour).padStart(2, '0')}:00:00+08:00`);

export interface SupervisionDataOptions {
  /** The last day applications were submitted on (default: today in China); the first is 365 days before. */
  to?: IsoDate;
  seed?: number;
}

/** `count` application documents spread over the 366 days ending `to`. */
export function supervisionApplications(
  count: number,
  { to = todayInChina(), seed = 17 }: SupervisionDataOptions = {},
) {
  // Seeded (mulberry32, the stand-ins' generator): the same seed gives the same data set.
  const next = createRng(seed);
  const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)];
  const from = addDays(to, -365);
  return Array.from({ length: count }, (_, i) => {
    const day = addDays(from, Math.floor((i * 366) / count));
    const submittedAt = chinaTime(day, 9 + (i % 8));
    const matters = MATTERS.map(({ code, agency, workingDays }) => {
      const roll = next();
      const accepted = roll > 0.08;
      const acceptedOn = accepted ? day : undefined;
      const dueDate = accepted ? addDays(day, workingDays === 0 ? 0 : workingDays + 2) : undefined;
      const status = !accepted
        ? 'pending'
        : roll < 0.14
          ? 'returned'
          : roll < 0.22
            ? 'reviewing'
            : 'completed';
      const completedDay = addDays(day, workingDays === 0 ? (roll < 0.9 ? 0 : 1) : Math.floor(next() * 7));
      const completedAt = status === 'completed' ? chinaTime(completedDay, 15) : undefined;
      const reasons =
        status === 'returned'
          ? Array.from({ length: 1 + Math.floor(next() * 2) }, (_, k) => ({
              ...pick(REASONS),
              employeeKey: `e${k + 1}`,
            }))
          : [];
      return {
        matter: code,
        agency,
        status,
        attempt: 1,
        acceptedOn,
        dueDate,
        completedAt,
        reasons,
        lastSequence: 0,
        sentEmployeeKeys: ['e1', 'e2'],
        timeline: [
          { at: submittedAt, status: 'pending', note: '等待推送至部门' },
          ...(accepted ? [{ at: chinaTime(day, 17), status: 'accepted' }] : []),
          ...(status === 'returned' ? [{ at: chinaTime(day, 18), status: 'returned' }] : []),
          ...(completedAt ? [{ at: completedAt, status: 'completed' }] : []),
        ],
        dispatch: {
          state: 'delivered',
          idempotencyKey: `bench-${i}-${code}`,
          tries: 1,
          nextAttemptAt: submittedAt,
        },
      };
    });
    const county = COUNTIES[i % COUNTIES.length];
    const rated = next() < 0.35;
    return {
      _id: new Types.ObjectId(),
      accountId: new Types.ObjectId(),
      submissionKey: `supervision-data-${seed}-${i}`,
      code: `ZP${county}${day.replace(/-/g, '')}${String(i).padStart(6, '0')}`,
      unitName: `上饶市督查样本${(i % 97) + 1}号公司`,
      uscc: `91${county}MA${String(i % 100000).padStart(8, '0')}`,
      county,
      channel: i % 5 === 0 ? 'window' : 'online',
      employeeCount: 2,
      dispatchPending: false,
      sealed: 'not-a-form',
      submittedAt,
      matters,
      ...(rated
        ? {
            rating: {
              score: 1 + Math.floor(next() * 5),
              comment: next() < 0.5 ? '' : '办理顺利',
              ratedAt: chinaTime(addDays(day, 3), 10),
            },
          }
        : {}),
    };
  });
}

/** Writes `count` such applications into the bff's applications collection, 1 000 at a time. */
export async function insertSupervisionApplications(
  connection: Connection,
  count: number,
  options: SupervisionDataOptions = {},
): Promise<{ from: IsoDate; to: IsoDate }> {
  const to = options.to ?? todayInChina();
  const docs = supervisionApplications(count, { ...options, to });
  for (let i = 0; i < docs.length; i += 1000)
    await connection.collection('applications').insertMany(docs.slice(i, i + 1000));
  return { from: addDays(to, -365), to };
}
