// What each staff role is called and which console pages it has (the bff enforces the same per route).
import type { components } from '../api/contract';

// The display name comes with the identity provider's login; until then the id stands in.
export type StaffMember = components['schemas']['StaffMember'] & { name?: string };
export type StaffRole = StaffMember['role'];

export const ROLE_LABELS: Record<StaffRole, string> = {
  clerk: '窗口人员',
  supervisor: '监督人员',
  admin: '管理员',
};

export interface NavItem {
  to: string;
  label: string;
}

export const NAVIGATION: Record<StaffRole, NavItem[]> = {
  clerk: [{ to: '/clerk/walk-in', label: '窗口受理' }],
  supervisor: [],
  admin: [
    { to: '/admin/figures', label: '业务参数' },
    { to: '/admin/calendar', label: '工作日历' },
  ],
};

export const homeOf = (role: StaffRole) => NAVIGATION[role][0]?.to ?? '/welcome';
