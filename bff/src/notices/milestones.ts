// The words of each milestone notice, and the platform template it is pushed with.
import { applicationDetailLink, type MatterStatus } from '@hiring/shared';
import type { NoticeTemplates } from '../config';
import type { NoticeInput } from './noticeService';

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
): NoticeInput {
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
    case 'reviewing':
      return {
        ...base,
        kind: 'matter',
        title: `${input.label}审核中`,
        body: `办件 ${input.code} 的“${input.label}”正在审核，请留意办理期限。`,
      };
    default:
      return {
        ...base,
        kind: 'matter',
        title: `${input.label}已受理`,
        body: `办件 ${input.code} 的“${input.label}”已被部门受理。`,
      };
  }
}

export function completionNotice(
  templates: NoticeTemplates,
  input: {
    accountId: string;
    applicationId: string;
    code: string;
    unitName: string;
  },
): NoticeInput {
  return {
    accountId: input.accountId,
    applicationId: input.applicationId,
    dedupeKey: `${input.applicationId}:completed`,
    kind: 'completed',
    title: '员工招聘一件事已办结',
    body: `办件 ${input.code}（${input.unitName}）的全部事项均已办结。`,
    push: {
      templateId: templates.result,
      data: {
        character_string1: input.code,
        thing2: '员工招聘一件事',
        phrase3: '已办结',
        time4: stamp(),
        thing5: clip(input.unitName || '全部事项已办结'),
      },
      page: applicationDetailLink(input.applicationId),
    },
  };
}
