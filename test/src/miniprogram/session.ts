// The bff session a bundle stored at login (the client's storage key 'hiring:session').
import type { MiniProgramHost } from './host';

export function sessionToken(host: MiniProgramHost): string {
  const api = (host as unknown as { api: Record<string, (arg: unknown) => unknown> }).api;
  const stored =
    host.platform === 'weapp'
      ? api.getStorageSync('hiring:session')
      : (api.getStorageSync({ key: 'hiring:session' }) as { data?: unknown }).data;
  return (stored as { token: string }).token;
}
