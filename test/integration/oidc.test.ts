/**
 * OpenID Connect sign-in against a fake issuer on 127.0.0.1 (discovery, JWKS, token endpoint with
 * PKCE check, RS256 ID tokens): configuration parsing, the happy path, unknown accounts, tampering.
 */
import { createHash, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../src/web/server.ts';
import type { OidcSettings } from '../../src/web/auth/oidc.ts';
import { loadConfig } from '../../src/config.ts';
import { createTestDatabase, type TestDatabase } from '../support/db.ts';

const b64 = (x: Buffer | string) => Buffer.from(x).toString('base64url');

/** A minimal OpenID provider: enough for the authorisation code flow with PKCE. */
class FakeIssuer {
  server: Server = createServer((req, res) => void this.handle(req, res));
  base = '';
  key: { privateKey: KeyObject; jwk: Record<string, unknown> };
  /** Codes the provider issued: code → what it was issued for. */
  codes = new Map<string, { challenge: string; nonce: string; email: string }>();

  constructor(readonly clientId: string) {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    this.key = { privateKey, jwk: { ...publicKey.export({ format: 'jwk' }), kid: 'k1', alg: 'RS256', use: 'sig' } };
  }

  async start() {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.base = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  idToken(claims: Record<string, unknown>) {
    const now = Math.floor(Date.now() / 1000);
    const head = b64(JSON.stringify({ alg: 'RS256', kid: 'k1', typ: 'JWT' }));
    const body = b64(JSON.stringify({ iss: this.base, aud: this.clientId, sub: 'user-1', iat: now, exp: now + 300, ...claims }));
    return `${head}.${body}.${b64(sign('sha256', Buffer.from(`${head}.${body}`), this.key.privateKey))}`;
  }

  async handle(req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) {
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (req.url === '/.well-known/openid-configuration') {
      return json(200, {
        issuer: this.base,
        authorization_endpoint: `${this.base}/authorize`,
        token_endpoint: `${this.base}/token`,
        jwks_uri: `${this.base}/jwks`,
        response_types_supported: ['code'],
        subject_types_supported: ['public'],
        id_token_signing_alg_values_supported: ['RS256'],
        token_endpoint_auth_methods_supported: ['client_secret_basic'],
        code_challenge_methods_supported: ['S256'],
      });
    }
    if (req.url === '/jwks') return json(200, { keys: [this.key.jwk] });
    if (req.url === '/token' && req.method === 'POST') {
      let raw = '';
      for await (const chunk of req) raw += chunk;
      const form = new URLSearchParams(raw);
      const issued = this.codes.get(form.get('code') ?? '');
      const verifier = form.get('code_verifier') ?? '';
      if (!issued || b64(createHash('sha256').update(verifier).digest()) !== issued.challenge) return json(400, { error: 'invalid_grant' });
      this.codes.delete(form.get('code')!);
      return json(200, { access_token: 'at', token_type: 'Bearer', expires_in: 300, id_token: this.idToken({ nonce: issued.nonce, email: issued.email }) });
    }
    res.writeHead(404).end();
  }
}

describe('OpenID Connect configuration', () => {
  it('is off when no OIDC_* variable is set, and names what is missing or wrong', () => {
    expect(loadConfig({}).oidc).toBeNull();
    expect(() => loadConfig({ OIDC_ISSUER: 'https://login.example/tenant/v2.0' }).oidc).toThrow(/OIDC_CLIENT_ID, OIDC_CLIENT_SECRET, OIDC_REDIRECT_URI: required/);
    const all = { OIDC_ISSUER: 'http://idp.example', OIDC_CLIENT_ID: 'c', OIDC_CLIENT_SECRET: 's', OIDC_REDIRECT_URI: 'https://townhall.example/sign-in/oidc/callback' };
    expect(() => loadConfig(all).oidc).toThrow(/OIDC_ISSUER: must be https/);
    expect(loadConfig({ ...all, OIDC_ISSUER: 'https://login.microsoftonline.com/t/v2.0', OIDC_LABEL: 'Sign in with Barnet account' }).oidc).toMatchObject({
      clientId: 'c',
      label: 'Sign in with Barnet account',
      allowInsecure: false,
    });
  });
});

describe('OpenID Connect sign-in', () => {
  let t: TestDatabase;
  let issuer: FakeIssuer;
  let server: ReturnType<typeof buildServer>;

  beforeAll(async () => {
    t = await createTestDatabase('pglite');
    issuer = new FakeIssuer('townhall');
    await issuer.start();
    const settings: OidcSettings = {
      issuer: new URL(issuer.base),
      clientId: 'townhall',
      clientSecret: 'secret',
      redirectUri: new URL('http://townhall.test/sign-in/oidc/callback'),
      label: 'Sign in with your council account',
      allowInsecure: true,
    };
    server = buildServer(t.app, { oidc: settings });
    await t.app.accounts.createUser({ email: 'officer@council.example', name: 'Pat Officer', role: 'performance-officer', password: null }, 'test');
  });
  afterAll(async () => {
    await server?.close();
    await new Promise((resolve) => issuer?.server.close(resolve));
    await t?.dispose();
  });

  /** Starts a sign-in, lets the fake provider issue a code for `email`, and returns the callback response. */
  async function signInThroughProvider(email: string, tamper?: (q: URLSearchParams) => void) {
    const start = await server.inject('/sign-in/oidc?next=/committees');
    expect(start.statusCode).toBe(302);
    const authorize = new URL(start.headers.location as string);
    expect(authorize.origin + authorize.pathname).toBe(`${issuer.base}/authorize`);
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    issuer.codes.set('code-1', { challenge: authorize.searchParams.get('code_challenge')!, nonce: authorize.searchParams.get('nonce')!, email });
    const flowCookie = String(start.headers['set-cookie']).split(';')[0]!;
    const query = new URLSearchParams({ code: 'code-1', state: authorize.searchParams.get('state')!, iss: issuer.base });
    tamper?.(query);
    return server.inject({ url: `/sign-in/oidc/callback?${query}`, headers: { cookie: flowCookie } });
  }

  it('offers the organisation sign-in on the sign-in page', async () => {
    const page = await server.inject('/sign-in');
    expect(page.body).toContain('Sign in with your council account');
    expect(page.body).toMatch(/href="\/sign-in\/oidc(\?next=[^"]*)?"/);
  });

  it('signs in an existing active account matched by email, and audits it', async () => {
    const res = await signInThroughProvider('Officer@Council.example');
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/committees');
    const session = String(res.headers['set-cookie']).match(/townhall_session=([^;]+)/)![1]!;
    const home = await server.inject({ url: '/', headers: { cookie: `townhall_session=${session}` } });
    expect(home.body).toContain('Signed in as Pat Officer');
    const audit = await t.handle.db.selectFrom('audit_event').select(['action', 'actor']).where('action', '=', 'sign-in:oidc').execute();
    expect(audit).toEqual([{ action: 'sign-in:oidc', actor: 'officer@council.example' }]);
  });

  it('refuses a person without a Townhall account', async () => {
    const res = await signInThroughProvider('stranger@council.example');
    expect(res.statusCode).toBe(403);
    expect(res.body).toContain('There is no active Townhall account for stranger@council.example');
    expect(String(res.headers['set-cookie'] ?? '')).not.toContain('townhall_session=');
  });

  it('refuses a tampered state and a callback without its flow', async () => {
    const tampered = await signInThroughProvider('officer@council.example', (q) => q.set('state', 'forged'));
    expect(tampered.statusCode).toBe(400);
    const orphan = await server.inject('/sign-in/oidc/callback?code=x&state=y');
    expect(orphan.statusCode).toBe(400);
    expect(orphan.body).toContain('Start again');
  });
});
