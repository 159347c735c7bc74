// The words of each milestone notice, and the platform template it is pushed with. A notice is kept for
// what the employer acts on or waits for: a decision, a return, 办结 and reminders.
import { applicationDetailLink, type MatterStatus } from '@hiring/shared';
import type { NoticeTemplates } from '../config';
import type { NoticeInput } from './noticeService';
import type { StoredResult } from '../dispatch/agencyResults';

const clip = (text: string, max = 20) =>
  [...text].length > max ? `${[...text].slice(0, max - 1).join('')}…` : text;
// Built once: constructing an Intl formatter costs far more than formatting with it.
const CHINA_TIME = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Asia/Shanghai',
  dateStyle: 'short',
  timeStyle: 'short',
});
/** 2026-12-01 14:05 in China time (notices, printed documents). */
export const chinaTime = (date = new Date()) => CHINA_TIME.format(date);
const stamp = chinaTime;

export function milestoneNotice(
  templates: NoticeTemplates,
  input: {
    accountId: string;
    applicationId: string;
    code: string;
    matter: string;
    label: string;
    attempt: number;
    status: MatterStatus;
    reasons: { message?: string | null }[];
  },
): NoticeInput | undefined {
  const base = {
    accountId: input.accountId,
    applicationId: input.applicationId,
    dedupeKey: `${input.applicationId}:${input.matter}:${input.attempt}:${input.status}`,
  };
  switch (input.status) {
    case 'returned': {
      const reasons = input.reasons
        .map((r) => r.message)
        .filter(Boolean)
        .join('；');
      return {
        ...base,
        kind: 'returned',
        title: `${input.label}被退回`,
        body: `办件 ${input.code} 的“${input.label}”被退回：${reasons || '请查看退回原因'}。请补正后重新提交，其他事项不受影响。`,
        push: {
          templateId: templates.returned,
          data: {
            character_string1: input.code,
            thing2: clip(input.label),
            thing3: clip(reasons || '请查看退回原因'),
            time4: stamp(),
          },
          page: applicationDetailLink(input.applicationId),
        },
      };
    }
    case 'completed':
      return {
        ...base,
        kind: 'matter',
        title: `${input.label}已办结`,
        body: `办件 ${input.code} 的“${input.label}”已办结。`,
      };
    default:
      // 受理 and 审核中 ask nothing of the employer: they are in the matter's timeline, not in the inbox
      // (one application made 14 notices before, issue 19).
      return undefined;
  }
}

/** Personal numbers in a notice (stored and pushed in the clear) keep only their ends: the full ones are on the detail page. */
export function maskNumber(value: string): string {
  return value.length > 8 ? `${value.slice(0, 4)}****${value.slice(-4)}` : '****';
}

const maskName = (name: string) => {
  const chars = [...name];
  return chars.length <= 1 ? name : `${chars[0]}${'*'.repeat(chars.length - 1)}`;
};

const NUMBER_LABELS: Record<string, string> = {
  registrationNumber: '就业登记编号',
  personalNumber: '个人编号',
  personalAccount: '公积金个人账号',
};

const PERSONAL_NUMBER_LABEL: Record<string, string> = {
  socialInsurance: '社保个人编号',
  medicalInsurance: '医保个人编号',
};

export interface SummaryMatter {
  matter: string;
  label: string;
  status: string;
  reasons: string[];
  result: StoredResult | null;
}

/** "张** 社保个人编号 SB20****0001": one line per hire and number, names and numbers shortened. */
function resultLines(matter: SummaryMatter, names: Record<string, string>): string[] {
  if (!matter.result) return [];
  const lines: string[] = [];
  const { unit, employees } = matter.result;
  if (unit.socialInsuranceCode) lines.push(`单位编码（社保）${unit.socialInsuranceCode}`);
  if (unit.housingFundAccount) lines.push(`公积金单位账号 ${unit.housingFundAccount}`);
  for (const employee of employees) {
    for (const [field, label] of Object.entries(NUMBER_LABELS)) {
      const value = (employee as unknown as Record<string, unknown>)[field];
      if (typeof value !== 'string') continue;
      const shown = field === 'personalNumber' ? (PERSONAL_NUMBER_LABEL[matter.matter] ?? label) : label;
      lines.push(`${maskName(names[employee.employeeKey] ?? '')} ${shown} ${maskNumber(value)}`);
    }
  }
  return lines;
}

/**
 * 人社's 总反馈 once every matter is decided: what was done (with the numbers the agencies gave) and what
 * was returned (with the reasons), in plain Chinese. All done: the 办结 notice.
 */
export function summaryNotice(
  templates: NoticeTemplates,
  input: {
    accountId: string;
    applicationId: string;
    code: string;
    unitName: string;
    /** Identifies the round of decisions (each matter's attempt), so each round is told once. */
    round: string;
    matters: SummaryMatter[];
    names: Record<string, string>;
  },
): NoticeInput {
  const done = input.matters.filter((m) => m.status === 'completed');
  const returned = input.matters.filter((m) => m.status === 'returned');
  const allDone = returned.length === 0;
  const parts = done.map((m) => {
    const lines = resultLines(m, input.names);
    return `【已办结】${m.label}${lines.length ? `：${lines.join('；')}` : ''}`;
  });
  for (const m of returned) {
    parts.push(`【已退回】${m.label}：${m.reasons.join('；') || '请查看退回原因'}`);
  }
  const head = allDone
    ? `办件 ${input.code}（${input.unitName}）的全部 ${done.length} 个事项均已办结。`
    : `办件 ${input.code}（${input.unitName}）各部门已办理完毕：${done.length} 个事项已办结，${returned.length} 个事项被退回，请补正后重新提交被退回的事项。`;
  const body = `${head}\n${parts.join('\n')}${allDone ? '\n完整编号请在办件详情中查看。' : ''}`;
  return {
    accountId: input.accountId,
    applicationId: input.applicationId,
    dedupeKey: allDone ? `${input.applicationId}:completed` : `${input.applicationId}:summary:${input.round}`,
    kind: allDone ? 'completed' : 'summary',
    title: allDone ? '员工招聘一件事已办结' : '员工招聘一件事办理结果（总反馈）',
    body: [...body].length > 2000 ? `${[...body].slice(0, 1999).join('')}…` : body,
    push: {
      templateId: templates.result,
      data: {
        character_string1: input.code,
        thing2: '员工招聘一件事',
        phrase3: allDone ? '已办结' : '部分退回',
        time4: stamp(),
        thing5: clip(
          allDone ? input.unitName || '全部事项已办结' : `${done.length}项办结，${returned.length}项退回`,
        ),
      },
      page: applicationDetailLink(input.applicationId),
    },
  };
}
