// What each audit record's action means, in words: the supervisor's audit search shows and filters by
// these labels (the bff writes the dotted names, see bff/src/audit/auditLog.ts). A name missing here is
// shown as 其他操作 rather than as its code.
import type { CodeItem } from './codes';

export const AUDIT_ACTIONS: readonly CodeItem[] = [
  { code: 'staff.login', label: '工作人员登录' },
  { code: 'staff.logout', label: '工作人员退出' },
  { code: 'staff.search', label: '窗口查询办件' },
  { code: 'staff.view', label: '查看办件（含个人信息）' },
  { code: 'staff.walkIn', label: '窗口受理' },
  { code: 'staff.ocr', label: '窗口识别身份证' },
  { code: 'staff.returns', label: '查看退回事项' },
  { code: 'staff.handBack', label: '记录已告知退回原因' },
  { code: 'staff.document.form', label: '工作人员打印联办申请表' },
  { code: 'staff.document.receipt', label: '工作人员打印受理回执' },
  { code: 'supervisor.dashboard', label: '查看督查统计' },
  { code: 'supervisor.export', label: '导出督查统计表' },
  { code: 'supervisor.auditSearch', label: '查询审计日志' },
  { code: 'authority.paper', label: '登记纸质授权书' },
  { code: 'authority.claim', label: '认领单位法定代表人身份' },
  { code: 'authority.grant', label: '授权经办人' },
  { code: 'authority.accept', label: '经办人接受授权' },
  { code: 'authority.revoke', label: '撤销经办人授权' },
  { code: 'authority.use', label: '以授权身份办理' },
  { code: 'identity.verify', label: '公安身份核验' },
  { code: 'person.lookup', label: '查询人员信息' },
  { code: 'status.lookup', label: '办件编码查询进度' },
  { code: 'application.rate', label: '单位评价办件（好差评）' },
  { code: 'document.form', label: '单位下载联办申请表' },
  { code: 'document.draftForm', label: '单位下载草稿申请表' },
  { code: 'calendar.enter', label: '录入工作日历' },
  { code: 'calendar.withdraw', label: '撤回工作日历' },
  { code: 'rules.figure.add', label: '新增业务参数' },
  { code: 'rules.figure.update', label: '修改业务参数' },
  { code: 'rules.figure.delete', label: '删除业务参数' },
];

export const AUDIT_OUTCOMES: readonly CodeItem[] = [
  { code: 'ok', label: '成功' },
  { code: 'refused', label: '被拒绝' },
  { code: 'not-found', label: '未找到' },
  { code: 'error', label: '出错' },
];

export const auditActionLabel = (code: string): string =>
  AUDIT_ACTIONS.find((a) => a.code === code)?.label ?? '其他操作';
