/**
 * Optional sign-in with an organisation account through OpenID Connect (e.g. Microsoft Entra ID),
 * configured by environment. Authorisation code flow with PKCE, state and nonce; the person is matched
 * by email to an existing, active Townhall account — OIDC proves who they are, Townhall's roles say
 * what they may do. Nothing is created automatically.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import * as oidc from 'openid-client';
import type { App } from '../../app.ts';
import { ConfigError } from '../../config.ts';
import { recordAudit } from '../../repositories/auditRepository.ts';

export interface OidcSettings {
  issuer: URL;
  clientId: string;
  clientSecret: string;
  redirectUri: URL;
  /** Label of the sign-in button, e.g. "Sign in with your council account". */
  label: string;
  /** Only for tests against a local issuer over http. */
  allowInsecure: boolean;
}

const NAMES = ['OIDC_ISSUER', 'OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET', 'OIDC_REDIRECT_URI'] as const;

/** Null when OIDC is not configured; a ConfigError naming the variable when it is half or badly configured. */
export function oidcSettingsFromEnv(env: Record<string, string | undefined> = process.env): OidcSettings | null {
  const given = NAMES.filter((n) => env[n]);
  if (given.length === 0) return null;
  const missing = NAMES.filter((n) => !env[n]);
  if (missing.length) throw new ConfigError(`Invalid configuration:\n  ${missing.join(', ')}: required when ${given.join(', ')} ${given.length === 1 ? 'is' : 'are'} set`);
  const url = (name: (typeof NAMES)[number]) => {
    try {
      return new URL(env[name]!);
    } catch {
      throw new ConfigError(`Invalid configuration:\n  ${name}: must be a URL`);
    }
  };
  const issuer = url('OIDC_ISSUER');
  const redirectUri = url('OIDC_REDIRECT_URI');
  const allowInsecure = env.OIDC_ALLOW_INSECURE === 'true';
  for (const [name, u] of [['OIDC_ISSUER', issuer], ['OIDC_REDIRECT_URI', redirectUri]] as const) {
    if (u.protocol !== 'https:' && !allowInsecure) throw new ConfigError(`Invalid configuration:\n  ${name}: must be https`);
  }
  return {
    issuer,
    clientId: env.OIDC_CLIENT_ID!,
    clientSecret: env.OIDC_CLIENT_SECRET!,
    redirectUri,
    label: env.OIDC_LABEL || 'Sign in with your organisation account',
    allowInsecure,
  };
}

const FLOW_COOKIE = 'townhall_oidc';
const FLOW_PATH = '/sign-in/oidc';
const FLOW_MAX_AGE_S = 600;

interface Flow {
  state: string;
  nonce: string;
  verifier: string;
  next: string;
  expires: number;
}

function sealer(secret: string) {
  const mac = (body: string) => createHmac('sha256', secret).update(`oidc:${body}`).digest('base64url');
  return {
    seal(flow: Flow): string {
      const body = Buffer.from(JSON.stringify(flow)).toString('base64url');
      return `${body}.${mac(body)}`;
    },
    open(value: string | undefined): Flow | null {
      if (!value) return null;
      const [body, sig] = value.split('.');
      if (!body || !sig) return null;
      const expected = Buffer.from(mac(body));
      const given = Buffer.from(sig);
      if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
      const flow = JSON.parse(Buffer.from(body, 'base64url').toString()) as Flow;
      return flow.expires > Date.now() ? flow : null;
    },
  };
}

/** A same-site path to return to after sign-in ("/" otherwise). */
function safeNext(next: unknown): string {
  return typeof next === 'string' && /^\/(?![/\\])/.test(next) ? next : '/';
}

export const oidcRoutes =
  (app: App, settings: OidcSettings, secret: string): FastifyPluginAsync =>
  async (server) => {
    let configuration: Promise<oidc.Configuration> | null = null;
    const discover = () =>
      (configuration ??= oidc
        .discovery(settings.issuer, settings.clientId, settings.clientSecret, undefined, settings.allowInsecure ? { execute: [oidc.allowInsecureRequests] } : undefined)
        .catch((error: unknown) => {
          configuration = null;
          throw error;
        }));
    const { seal, open } = sealer(secret);
    const cookieOptions = (request: FastifyRequest) => ({
      httpOnly: true,
      sameSite: 'lax' as const,
      secure: request.protocol === 'https' || settings.redirectUri.protocol === 'https:',
      path: FLOW_PATH,
    });
    const problem = (reply: FastifyReply, status: number, paragraphs: string[]) =>
      reply.code(status).view('access/problem.njk', {
        pageTitle: 'You could not be signed in',
        paragraphs,
        link: { href: '/sign-in', text: 'Go back to sign in' },
      });

    server.get<{ Querystring: { next?: string } }>(FLOW_PATH, async (request, reply) => {
      let config: oidc.Configuration;
      try {
        config = await discover();
      } catch (error) {
        request.log.error({ err: error }, 'OpenID Connect discovery failed');
        return problem(reply, 503, ['Signing in with your organisation account is not available at the moment. Try again later, or sign in with your email and password.']);
      }
      const verifier = oidc.randomPKCECodeVerifier();
      const flow: Flow = {
        state: oidc.randomState(),
        nonce: oidc.randomNonce(),
        verifier,
        next: safeNext(request.query.next),
        expires: Date.now() + FLOW_MAX_AGE_S * 1000,
      };
      reply.setCookie(FLOW_COOKIE, seal(flow), { ...cookieOptions(request), maxAge: FLOW_MAX_AGE_S });
      const url = oidc.buildAuthorizationUrl(config, {
        redirect_uri: settings.redirectUri.href,
        scope: 'openid email profile',
        code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
        code_challenge_method: 'S256',
        state: flow.state,
        nonce: flow.nonce,
      });
      reply.header('Cache-Control', 'no-store');
      return reply.redirect(url.href, 302);
    });

    server.get(`${FLOW_PATH}/callback`, async (request, reply) => {
      reply.header('Cache-Control', 'no-store');
      const flow = open(request.cookies[FLOW_COOKIE]);
      reply.clearCookie(FLOW_COOKIE, cookieOptions(request));
      if (!flow) return problem(reply, 400, ['The sign-in took too long or was started in another browser. Start again.']);
      const current = new URL(request.url, settings.redirectUri);
      let email: string | null = null;
      try {
        const tokens = await oidc.authorizationCodeGrant(await discover(), current, {
          pkceCodeVerifier: flow.verifier,
          expectedState: flow.state,
          expectedNonce: flow.nonce,
          idTokenExpected: true,
        });
        const claims = tokens.claims();
        const candidate = claims?.email ?? claims?.preferred_username ?? claims?.upn;
        email = typeof candidate === 'string' ? candidate.trim().toLowerCase() : null;
      } catch (error) {
        request.log.warn({ err: error }, 'OpenID Connect callback refused');
        return problem(reply, 400, ['Your organisation account could not be checked. Start again.']);
      }
      const user = email ? (await app.accounts.listUsers()).find((u) => u.email === email && u.active) : undefined;
      if (!email || !user) {
        await recordAudit(app.handle.db, [
          { actor: email ?? '(unknown)', action: 'sign-in:oidc-refused', entity: 'app_user', entityKey: email ?? '(unknown)', before: null, after: { ip: request.ip }, reason: 'No active Townhall account with this email' },
        ]);
        return problem(reply, 403, [
          `There is no active Townhall account for ${email ?? 'your organisation account'}.`,
          'Ask an administrator to add you, then sign in again.',
        ]);
      }
      if (request.sessionToken) await app.accounts.signOut(request.sessionToken);
      const token = await app.accounts.createSession(user.id);
      await recordAudit(app.handle.db, [
        { actor: user.email, action: 'sign-in:oidc', entity: 'app_user', entityKey: user.email, before: null, after: { ip: request.ip, issuer: settings.issuer.href }, reason: null },
      ]);
      reply.setSessionCookie(token);
      return reply.redirect(flow.next, 303);
    });
  };

/** A random secret for this process, when SESSION_SECRET is not set (flows then last one process). */
export const processSecret = randomBytes(32).toString('base64url');
