// The app's page list and shared's (which the bff's deep links and the platform stand-ins use) are the same.
import { MINI_PROGRAM_PAGES, applicationDetailLink, isAppPage } from '@hiring/shared';

interface AppConfig {
  pages: string[];
  subPackages?: { root: string; pages: string[] }[];
}

function appConfigPages(): string[] {
  (globalThis as { defineAppConfig?: (c: AppConfig) => AppConfig }).defineAppConfig = (c) => c;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const config = require('./app.config').default as AppConfig;
  return [
    ...config.pages,
    ...(config.subPackages ?? []).flatMap((sub) => sub.pages.map((page) => `${sub.root}/${page}`)),
  ];
}

it('lists every page of app.config.ts in shared, and no other', () => {
  expect([...MINI_PROGRAM_PAGES].sort()).toEqual(appConfigPages().sort());
});

it('links a message to a page the app has', () => {
  const link = applicationDetailLink('0123456789abcdef01234567');
  expect(isAppPage(link)).toBe(true);
  expect(appConfigPages()).toContain(link.split('?')[0]);
  expect(isAppPage('pages/application/index?id=1')).toBe(false);
});
