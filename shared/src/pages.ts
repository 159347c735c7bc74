// The mini-program's pages (client/src/app.config.ts declares the same list; a test keeps the two equal) and
// the deep links into them that messages carry: a subscribe message opening a page the app does not have is
// refused by WeChat and Alipay, so the link is built here once.
export const MINI_PROGRAM_PAGES = [
  'pages/index/index',
  'pages/messages/index',
  'pages/lookup/index',
  'wizard/unit/index',
  'wizard/matters/index',
  'wizard/employees/index',
  'wizard/employee/index',
  'wizard/review/index',
  'wizard/receipt/index',
  'application/detail/index',
  'account/identity/index',
  'account/units/index',
  'account/operators/index',
  'account/invitations/index',
] as const;

export type MiniProgramPage = (typeof MINI_PROGRAM_PAGES)[number];

/** The page of one application's progress, as a subscribe message's `page`. */
export function applicationDetailLink(applicationId: string): string {
  return `application/detail/index?id=${encodeURIComponent(applicationId)}`;
}

/**
 * The public 办件查询 with the code filled in: what a scanned QR code opens in the mini-programs (the H5
 * link printed on the documents is mapped to this page).
 */
export function statusLookupLink(code: string): string {
  return `pages/lookup/index?code=${encodeURIComponent(code)}`;
}

/** Whether a message's `page` (path and optional query) opens a page of the app. */
export function isAppPage(link: string): boolean {
  const path = link.replace(/^\//, '').split('?')[0];
  return (MINI_PROGRAM_PAGES as readonly string[]).includes(path);
}
