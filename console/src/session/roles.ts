// What each staff role is called and which console pages it has (the bff enforces the same per route).
import { STAFF_ROLES, labelOf } from '@hiring/shared';
import type { ApiComponents as components } from '@hiring/shared';

export type StaffMember = components['schemas']['StaffMember'];
export type StaffRole = StaffMember['role'];

export const roleLabel = (role: StaffRole) => labelOf(STAFF_ROLES, role) ?? role;

export interface NavItem {
  to: string;
  label: string;
}

export const NAVIGATION: Record<StaffRole, NavItem[]> = {
  clerk: [
    { to: '/clerk/walk-in', label: '窗口受理' },
    { to: '/clerk/search', label: '办件查询' },
    { to: '/clerk/returns', label: '退回补正' },
    { to: '/clerk/authorities', label: '经办人授权登记' },
  ],
  supervisor: [
    { to: '/supervisor/dashboard', label: '督查统计' },
    { to: '/supervisor/audit', label: '审计日志' },
  ],
  admin: [
    { to: '/admin/figures', label: '业务参数' },
    { to: '/admin/calendar', label: '工作日历' },
  ],
};

export const homeOf = (role: StaffRole) => NAVIGATION[role][0]?.to ?? '/welcome';
