// The mini-program bundles the host tests run, built with the settings the journey needs: the stand-ins'
// subscribe-message templates (a production build takes its own from TARO_APP_SUBSCRIBE_TEMPLATES).
import fs from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../../../bff/src/config';
import { clientDist, ensureClientBuild } from '../clientBuild';

export const MINI_PLATFORMS = ['weapp', 'alipay'] as const;
export type MiniPlatform = (typeof MINI_PLATFORMS)[number];
/** The templates the bff pushes with by default (it refuses consents to any other). */
export const SUBSCRIBE_TEMPLATES = Object.values(
  loadConfig({ NODE_ENV: 'test', MONGODB_URI: 'mongodb://unused' }).templates,
);
/** Where the bundles send requests unless TARO_APP_API_BASE says otherwise (client/config/index.ts). */
export const COMPILED_API_BASE = 'http://127.0.0.1:3000/api/v1';

export function ensureMiniBuilds(): void {
  for (const target of MINI_PLATFORMS)
    ensureClientBuild(target, { TARO_APP_SUBSCRIBE_TEMPLATES: SUBSCRIBE_TEMPLATES.join(',') });
}

export const miniDist = (platform: MiniPlatform): string => clientDist(platform);

/** The privacy guide the mini-program declares in the platforms' consoles. */
export function privacyGuide(): string[] {
  const file = path.resolve(__dirname, '../../../client/privacy-guide.json');
  return (JSON.parse(fs.readFileSync(file, 'utf8')) as { items: { item: string }[] }).items.map(
    (i) => i.item,
  );
}
