// The staff login against the identity provider (OpenID Connect, authorization code + PKCE) through
// openid-client: the provider is found by discovery from STAFF_OIDC_ISSUER, so a deployment plugs in the
// province's 统一身份认证 by configuration alone. Roles and the county hall come from the claims.
import * as oidc from 'openid-client';
import type { StaffLoginConfig } from '../config';
import { AppError } from '../http/errors';
import { STAFF_ROLES, type StaffMember, type StaffRole } from './staffTokens';

/** What the identity provider must release for a staff member: `role`, `county` (clerks) and `name`. */
export function staffFromClaims(claims: Record<string, unknown>): StaffMember | null {
  const { sub, name, role, county } = claims;
  if (typeof sub !== 'string' || !sub || sub.length > 200) return null;
  if (typeof role !== 'string' || !(STAFF_ROLES as readonly string[]).includes(role)) return null;
  const countyCode = typeof county === 'string' && /^\d{6}$/.test(county) ? county : undefined;
  // A clerk serves one county hall: without it they would see nothing or everything.
  if (role === 'clerk' && !countyCode) return null;
  const shownName = typeof name === 'string' && name.trim() ? name.trim().slice(0, 50) : sub;
  return {
    id: sub,
    name: shownName,
    role: role as StaffRole,
    ...(countyCode && role !== 'admin' ? { county: countyCode } : {}),
  };
}

export interface LoginStart {
  url: string;
  state: string;
  nonce: string;
  codeVerifier: string;
}

export class StaffOidc {
  private configuration?: Promise<oidc.Configuration>;

  constructor(private readonly config: StaffLoginConfig['oidc']) {}

  /** Discovery once per process; a failure is not kept, so the next login tries again. */
  private provider(): Promise<oidc.Configuration> {
    if (!this.configuration) {
      const insecure = this.config.issuer.startsWith('http://');
      this.configuration = oidc
        .discovery(
          new URL(this.config.issuer),
          this.config.clientId,
          undefined,
          oidc.ClientSecretBasic(this.config.clientSecret),
          // Plain http only reaches the stand-in: production refuses an http issuer at start-up.
          { timeout: 5, ...(insecure ? { execute: [oidc.allowInsecureRequests] } : {}) },
        )
        .then((configuration) => {
          configuration.timeout = 5;
          return configuration;
        });
      this.configuration.catch(() => (this.configuration = undefined));
    }
    return this.configuration.catch(() => {
      throw new AppError(503, 'STAFF_IDP_UNAVAILABLE', '统一身份认证暂时无法访问，请稍后再试');
    });
  }

  async start(redirectUri: string): Promise<LoginStart> {
    const configuration = await this.provider();
    const codeVerifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const nonce = oidc.randomNonce();
    const url = oidc.buildAuthorizationUrl(configuration, {
      redirect_uri: redirectUri,
      scope: this.config.scope,
      code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    });
    return { url: url.href, state, nonce, codeVerifier };
  }

  /** Exchanges the code (checking state, nonce, PKCE and the ID token) and reads who logged in. */
  async finish(
    callbackUrl: URL,
    login: { state: string; nonce: string; codeVerifier: string },
  ): Promise<{ subject: string; staff: StaffMember | null }> {
    const configuration = await this.provider();
    let claims: Record<string, unknown>;
    try {
      const tokens = await oidc.authorizationCodeGrant(configuration, callbackUrl, {
        pkceCodeVerifier: login.codeVerifier,
        expectedState: login.state,
        expectedNonce: login.nonce,
        idTokenExpected: true,
      });
      const idClaims = tokens.claims()!;
      claims = { ...idClaims };
      // A provider that keeps role and county out of the ID token releases them at userinfo.
      if (claims.role === undefined) {
        const info = await oidc.fetchUserInfo(configuration, tokens.access_token, idClaims.sub);
        claims = { ...info, ...idClaims, role: info.role, county: info.county, name: info.name };
      }
    } catch (error) {
      if (error instanceof AppError) throw error;
      const failed = new AppError(401, 'STAFF_LOGIN_FAILED', '统一身份认证未能完成登录，请重新登录');
      failed.cause = error;
      throw failed;
    }
    return { subject: String(claims.sub).slice(0, 200), staff: staffFromClaims(claims) };
  }
}
