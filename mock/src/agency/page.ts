// The operator's page: received cases with masked ID numbers, approve/return forms, and outage switches
// so a demo can show the 3-working-day matters and an agency going down.
import { timeLimitLabel } from '@hiring/shared';
import { escapeHtml, maskIdNumber, maskName } from '../http/server';
import { MATTER_LABELS } from './agencies';
import type { AgencyService, CaseRecord } from './service';

const STATUS_LABELS: Record<CaseRecord['status'], string> = {
  accepted: '已受理',
  reviewing: '审核中',
  completed: '已办结',
  returned: '已退回',
};

export function renderAgencyPage(service: AgencyService): string {
  const { spec, config, faults } = service;
  const cases = service.listCases();
  const rows = cases.map((record) => renderCase(record)).join('\n');
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(spec.name)}（模拟）</title>
<style>
body{font-family:system-ui,"PingFang SC","Microsoft YaHei",sans-serif;margin:1.5rem;color:#222}
table{border-collapse:collapse;width:100%}td,th{border:1px solid #ccc;padding:.4rem;vertical-align:top;text-align:left}
.status-completed{color:#1a7f37}.status-returned{color:#b42318}.status-reviewing,.status-accepted{color:#9a6700}
.bar{display:flex;gap:1rem;flex-wrap:wrap;align-items:center;margin:.8rem 0;padding:.6rem;background:#f5f5f5}
.down{background:#fde2e1}textarea{width:16rem;height:3rem}small{color:#666}
</style>
</head>
<body>
<h1>${escapeHtml(spec.name)}（模拟系统）</h1>
<p>办理事项：${spec.matters.map((m) => MATTER_LABELS[m]).join('、')}；时限：${timeLimitLabel(spec.instant ? 0 : spec.workingDays)}。</p>
<div class="bar${faults.down ? ' down' : ''}">
  <span>服务状态：<strong>${faults.down ? '已停机（对外接口全部断开）' : '正常'}</strong></span>
  <form method="post" action="/_admin/faults"><input type="hidden" name="down" value="${faults.down ? 'false' : 'true'}">
  <button type="submit">${faults.down ? '恢复服务' : '模拟停机'}</button></form>
  <span>审核方式：<strong>${config.reviewMode === 'auto' ? '自动' : '人工'}</strong></span>
  <form method="post" action="/_admin/config"><input type="hidden" name="reviewMode" value="${config.reviewMode === 'auto' ? 'manual' : 'auto'}">
  <button type="submit">切换为${config.reviewMode === 'auto' ? '人工审核' : '自动审核'}</button></form>
  <span>1 个工作日 = ${config.workingDayMs / 1000} 秒</span>
  <span>回调地址：${config.callbackUrl ? escapeHtml(config.callbackUrl) : '<em>未配置（回调排队等待）</em>'}</span>
  <a href="/">刷新</a>
</div>
<table>
<thead><tr><th>办件号</th><th>事项 / 联办编码</th><th>单位</th><th>人员</th><th>状态</th><th>自动核验</th><th>操作</th></tr></thead>
<tbody>
${rows || '<tr><td colspan="7">暂无办件</td></tr>'}
</tbody>
</table>
</body>
</html>`;
}

function renderCase(record: CaseRecord): string {
  const pending = record.status === 'accepted' || record.status === 'reviewing';
  const people = record.body.employees
    .map((e) => `${escapeHtml(maskName(e.name))} ${escapeHtml(maskIdNumber(e.idNumber))}`)
    .join('<br>');
  const findings = record.findings.length
    ? record.findings.map((r) => escapeHtml(describe(r))).join('<br>')
    : '未发现问题';
  const reasons = record.reasons?.length
    ? `<br><small>退回原因：${record.reasons.map((r) => escapeHtml(describe(r))).join('；')}</small>`
    : '';
  const suggested = record.findings.map((r) => describe(r)).join('；');
  const id = encodeURIComponent(record.caseId);
  const actions = pending
    ? `<form method="post" action="/_admin/cases/${id}/approve"><button type="submit">办结（通过）</button></form>
<form method="post" action="/_admin/cases/${id}/return"><textarea name="reason" placeholder="退回原因（必填）" required>${escapeHtml(suggested)}</textarea><br><button type="submit">退回</button></form>`
    : '';
  return `<tr>
<td>${escapeHtml(record.caseId)}<br><small>受理 ${chinaTime(record.receivedAt)}</small>${record.dueDate ? `<br><small>办结时限 ${escapeHtml(record.dueDate)}</small>` : ''}</td>
<td>${escapeHtml(MATTER_LABELS[record.matter])}<br><small>${escapeHtml(record.applicationCode)}</small></td>
<td>${escapeHtml(record.body.unit.name)}</td>
<td>${people}</td>
<td class="status-${record.status}">${STATUS_LABELS[record.status]}${reasons}</td>
<td>${findings}</td>
<td>${actions}</td>
</tr>`;
}

/** Operators read Beijing time. */
function chinaTime(iso: string): string {
  return new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' ');
}

function describe(reason: { message: string; employeeIndex?: number }): string {
  return reason.employeeIndex === undefined
    ? reason.message
    : `第${reason.employeeIndex + 1}人：${reason.message}`;
}
