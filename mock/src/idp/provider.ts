// The staff identity provider stand-in: a real OpenID Connect provider (oidc-provider) with the
// authorization-code flow and PKCE, a Chinese login page and the demo staff accounts. It stands where the
// province's 统一身份认证 stands in a deployment; the bff only knows its issuer URL, client id and secret.
import http from 'node:http';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import Provider, { type Configuration, type KoaContextWithOIDC } from 'oidc-provider';
import { claimsOf, staffAccount } from './accounts';
import { errorPage, loginPage } from './loginPage';
import { memoryAdapterFactory } from './memoryAdapter';

export const DEFAULT_STAFF_OIDC_CLIENT = {
  clientId: 'hiring-staff-console',
  clientSecret: 'mock-staff-oidc-secret-change-me',
} as const;

/** The bff's callback path: the stand-in accepts it on any loopback host and port (tests use free ports). */
export const STAFF_CALLBACK_PATH = '/api/v1/staff/auth/callback';

export interface StaffIdpOptions {
  port?: number;
  host?: string;
  clientId?: string;
  clientSecret?: string;
  /** Redirect URIs beyond the loopback ones (e.g. a console behind a named host). */
  redirectUris?: string[];
}

export interface RunningStaffIdp {
  url: string;
  port: number;
  provider: Provider;
  close(): Promise<void>;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

function loopbackCallback(value: string): boolean {
  try {
    const url = new URL(value);
    return (
      (url.protocol === 'http:' || url.protocol === 'https:') &&
      LOOPBACK.has(url.hostname) &&
      url.pathname === STAFF_CALLBACK_PATH &&
      !url.search &&
      !url.hash
    );
  } catch {
    return false;
  }
}

function signingKey() {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    ...privateKey.export({ format: 'jwk' }),
    kid: randomBytes(8).toString('hex'),
    use: 'sig',
    alg: 'RS256',
  };
}

async function formBody(req: http.IncomingMessage, limit = 4096): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw Object.assign(new Error('body too large'), { status: 413 });
    chunks.push(chunk as Buffer);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

function configuration(options: StaffIdpOptions): Configuration {
  return {
    adapter: memoryAdapterFactory() as never,
    clients: [
      {
        client_id: options.clientId ?? DEFAULT_STAFF_OIDC_CLIENT.clientId,
        client_secret: options.clientSecret ?? DEFAULT_STAFF_OIDC_CLIENT.clientSecret,
        redirect_uris: [`http://127.0.0.1:3000${STAFF_CALLBACK_PATH}`, ...(options.redirectUris ?? [])],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    // PKCE for every client, not only public ones.
    pkce: { required: () => true },
    scopes: ['openid', 'profile', 'staff'],
    claims: { openid: ['sub'], profile: ['name'], staff: ['role', 'county'] },
    // The ID token carries the granted claims, so the bff needs no second round trip (it still may ask
    // the userinfo endpoint, which answers the same).
    conformIdTokenClaims: false,
    findAccount: (_ctx, sub) => {
      const account = staffAccount(sub);
      return account ? { accountId: sub, claims: () => claimsOf(account) } : undefined;
    },
    // First-party client: no consent screen, the grant covers what the client asked for.
    loadExistingGrant: async (ctx: KoaContextWithOIDC) => {
      const { session, client, params } = ctx.oidc;
      if (!session?.accountId || !client) return undefined;
      const existing = session.grantIdFor(client.clientId);
      if (existing) return ctx.oidc.provider.Grant.find(existing);
      const grant = new ctx.oidc.provider.Grant({ clientId: client.clientId, accountId: session.accountId });
      grant.addOIDCScope(String(params?.scope ?? 'openid'));
      await grant.save();
      return grant;
    },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    features: { devInteractions: { enabled: false }, userinfo: { enabled: true } },
    cookies: { keys: [randomBytes(32).toString('hex')] },
    jwks: { keys: [signingKey() as never] },
    ttl: {
      AuthorizationCode: 60,
      AccessToken: 600,
      IdToken: 600,
      Interaction: 600,
      Session: 8 * 3600,
      Grant: 8 * 3600,
    },
    renderError: (ctx, out) => {
      ctx.type = 'html';
      const known: Record<string, string> = {
        invalid_request: '登录请求无效或已过期',
        invalid_client: '应用未在统一身份认证登记',
        invalid_redirect_uri: '回调地址未登记',
        access_denied: '已取消登录',
        session_not_found: '登录会话已过期',
      };
      ctx.body = errorPage(known[String(out.error)] ?? '统一身份认证暂时无法完成登录');
    },
  };
}

/** The login and cancel handlers of the interaction (what the provider sends the browser to). */
function interactionRoutes(provider: Provider) {
  return async (ctx: KoaContextWithOIDC, next: () => Promise<unknown>) => {
    if (ctx.path === '/healthz') {
      ctx.body = { status: 'ok' };
      return;
    }
    const match = /^\/interaction\/([\w-]{1,64})(\/login|\/abort)?$/.exec(ctx.path);
    if (!match) return next();
    ctx.set('Cache-Control', 'no-store');
    const [, uid, action] = match;
    const details = await provider.interactionDetails(ctx.req, ctx.res).catch(() => null);
    if (!details || details.uid !== uid) {
      ctx.status = 400;
      ctx.type = 'html';
      ctx.body = errorPage('登录页面已过期，请回到工作台重新登录');
      return;
    }
    const page = (error?: string, username?: string) => {
      ctx.type = 'html';
      ctx.body = loginPage({
        action: `/interaction/${uid}/login`,
        abort: `/interaction/${uid}/abort`,
        error,
        username,
      });
    };
    if (!action && ctx.method === 'GET') return page();
    if (action === '/abort' && ctx.method === 'GET') {
      const to = await provider.interactionResult(ctx.req, ctx.res, {
        error: 'access_denied',
        error_description: 'login cancelled',
      });
      return ctx.redirect(to);
    }
    if (action === '/login' && ctx.method === 'POST') {
      const form = await formBody(ctx.req);
      const username = (form.get('username') ?? '').trim().slice(0, 64);
      const account = staffAccount(username);
      if (!account || account.password !== (form.get('password') ?? '')) {
        ctx.status = 401;
        return page('账号或密码不正确', username);
      }
      const to = await provider.interactionResult(
        ctx.req,
        ctx.res,
        { login: { accountId: account.username } },
        { mergeWithLastSubmission: false },
      );
      ctx.status = 303;
      return ctx.redirect(to);
    }
    ctx.status = 405;
  };
}

/** Starts the provider on `port` (0 = a free one); the issuer is the URL it listens on. */
export async function startStaffIdp(options: StaffIdpOptions = {}): Promise<RunningStaffIdp> {
  const host = options.host ?? '127.0.0.1';
  let handler: http.RequestListener = (_req, res) => res.writeHead(503).end();
  const server = http.createServer((req, res) => handler(req, res));
  server.keepAliveTimeout = 2000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${host}:${port}`;
  const provider = new Provider(url, configuration(options));
  const allowed = provider.Client.prototype.redirectUriAllowed;
  provider.Client.prototype.redirectUriAllowed = function redirectUriAllowed(value: string) {
    return allowed.call(this, value) || loopbackCallback(value);
  };
  provider.use(interactionRoutes(provider));
  handler = provider.callback();
  return {
    url,
    port,
    provider,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
