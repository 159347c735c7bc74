// Periodic housekeeping: purge stale drafts, old sessions, callback nonces and status-lookup failures; remind employers of the
// 缓缴/降缴 materials deadline. Every step is a conditional update, so running it in several processes at
// once does each thing once.
import { addDays, todayInChina } from '@hiring/shared';
import { trusted } from 'mongoose';
import type { Services } from '../context';
import { CALLBACK_TOLERANCE_MS } from '../dispatch/callbackSignature';
import { purgeLookupAttempts } from '../statusLookup/attempts';
import { recomputeOpenDueDates } from '../rules/dueDates';

export async function runScheduledJobs(services: Services, now = new Date()) {
  const { drafts, sessions, callbackNonces, config, rateCounters } = services;
  const purgedDrafts = await drafts.purgeUntouched(30, now);
  const purgedSessions = await sessions.purge(new Date(now.getTime() - 7 * 86400000));
  const purgedStaffSessions = await services.staffSessions.purge(new Date(now.getTime() - 86400000));
  const purgedNonces = (
    await callbackNonces.deleteMany({
      seenAt: trusted({ $lt: new Date(now.getTime() - 2 * CALLBACK_TOLERANCE_MS) }),
    })
  ).deletedCount;
  const purgedLookupAttempts = await purgeLookupAttempts(services.db, now);
  const reminders = await sendReliefReminders(services, now, config.reliefReminderDays);
  const expiredAuthorities = await services.authority.expireLapsed(now);
  // Heals a recompute cut short by a crash after a calendar change, and any open matter without a due date.
  const dueDates = await recomputeOpenDueDates(
    services.applications,
    await services.rules.calendar.calendar(),
    services.logger,
  );
  const purgedCounters = await rateCounters.purgeExpired(now);
  return {
    purgedDrafts,
    purgedSessions,
    purgedStaffSessions,
    purgedNonces,
    purgedLookupAttempts,
    purgedCounters,
    reminders,
    dueDates,
    expiredAuthorities,
  };
}

/** One reminder per application, `daysBefore` days before its 缓缴/降缴 materials are due. */
export async function sendReliefReminders(
  services: Services,
  now: Date,
  daysBefore: number,
): Promise<number> {
  const horizon = addDays(todayInChina(now), daysBefore);
  let sent = 0;
  for (;;) {
    const doc = await services.applications
      .findOneAndUpdate(
        { reliefDeadline: trusted({ $lte: horizon }), reliefReminderSentAt: null },
        { $set: { reliefReminderSentAt: now } },
        { returnDocument: 'after', projection: { accountId: 1, code: 1, reliefDeadline: 1 } },
      )
      .lean();
    if (!doc) return sent;
    await services.notices.notify({
      accountId: String(doc.accountId),
      applicationId: String(doc._id),
      dedupeKey: `${String(doc._id)}:relief-reminder`,
      kind: 'reliefReminder',
      title: '请按时提交缓缴/降缴材料',
      body: `办件 ${doc.code} 申请了住房公积金缓缴/降缴，请于 ${doc.reliefDeadline} 前将申请书、困难证明、职代会或工会决议送至公积金管理部。`,
    });
    sent += 1;
  }
}

export function startScheduledJobs(services: Services): () => void {
  const run = () =>
    runScheduledJobs(services)
      .then((result) => services.logger.info(result, 'scheduled jobs done'))
      .catch((error) => services.logger.error({ err: error }, 'scheduled jobs failed'));
  const first = setTimeout(run, 1000);
  const timer = setInterval(run, services.config.jobIntervalMs);
  timer.unref();
  first.unref();
  return () => {
    clearTimeout(first);
    clearInterval(timer);
  };
}
