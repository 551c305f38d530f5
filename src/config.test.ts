import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

describe('loadConfig', () => {
  it('gives the documented defaults when nothing is set', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ DATA_DIR: './data', PORT: 3000, HOST: '127.0.0.1', LOG_LEVEL: 'info', DEMO: true, COOKIE_SECURE: false, oidc: null });
    for (const unset of ['DATABASE_URL', 'DEMO_PASSWORD', 'SESSION_SECRET', 'NODE_ENV', 'USER'] as const) expect(config[unset]).toBeUndefined();
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig({ DATABASE_URL: '', DEMO_PASSWORD: '', SESSION_SECRET: '', OIDC_ISSUER: '' })).toMatchObject({
      DATABASE_URL: undefined,
      DEMO_PASSWORD: undefined,
      SESSION_SECRET: undefined,
      oidc: null,
    });
  });

  it('reads the flags and values it is given', () => {
    const config = loadConfig({ COOKIE_SECURE: 'true', DEMO: 'false', SESSION_SECRET: 'x'.repeat(32), DEMO_PASSWORD: 'a good long password', NODE_ENV: 'development', USER: 'pat' });
    expect(config).toMatchObject({ COOKIE_SECURE: true, DEMO: false, SESSION_SECRET: 'x'.repeat(32), DEMO_PASSWORD: 'a good long password', NODE_ENV: 'development', USER: 'pat' });
  });

  it('stops with a message naming each bad variable', () => {
    expect(() => loadConfig({ COOKIE_SECURE: 'yes' })).toThrow(ConfigError);
    expect(() => loadConfig({ COOKIE_SECURE: 'yes' })).toThrow(/COOKIE_SECURE: must be true or false/);
    expect(() => loadConfig({ SESSION_SECRET: 'short' })).toThrow(/SESSION_SECRET: must be 32 characters or more/);
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT:/);
    expect(() => loadConfig({ OIDC_ALLOW_INSECURE: '1' })).toThrow(/OIDC_ALLOW_INSECURE: must be true or false/);
    const oidc = { OIDC_ISSUER: 'https://idp.example', OIDC_CLIENT_ID: 'c', OIDC_CLIENT_SECRET: 's', OIDC_REDIRECT_URI: 'not a url' };
    expect(() => loadConfig(oidc)).toThrow(/OIDC_REDIRECT_URI: must be a URL/);
  });

  it('allows an http issuer only with OIDC_ALLOW_INSECURE=true', () => {
    const oidc = { OIDC_ISSUER: 'http://127.0.0.1:9999', OIDC_CLIENT_ID: 'c', OIDC_CLIENT_SECRET: 's', OIDC_REDIRECT_URI: 'http://127.0.0.1/sign-in/oidc/callback' };
    expect(() => loadConfig(oidc)).toThrow(/OIDC_ISSUER: must be https\n {2}OIDC_REDIRECT_URI: must be https/);
    expect(loadConfig({ ...oidc, OIDC_ALLOW_INSECURE: 'true' }).oidc).toMatchObject({ issuer: new URL('http://127.0.0.1:9999'), label: 'Sign in with your organisation account', allowInsecure: true });
  });
});
