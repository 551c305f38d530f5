/**
 * Configuration, read and validated once at start-up: the only place that reads `process.env` (an ESLint
 * rule keeps it so). A bad value stops the program with a message naming the variable. The variables
 * and their defaults are listed in the README's Configuration table.
 */
import { resolve } from 'node:path';
import { z } from 'zod';

/** Unset and empty are the same: `FOO=` in a .env file means "not set". */
const optionalText = z
  .string()
  .optional()
  .transform((v) => v || undefined);

const flag = (byDefault: 'true' | 'false') =>
  z
    .enum(['true', 'false'], { message: 'must be true or false' })
    .default(byDefault)
    .transform((v) => v === 'true');

const OIDC_REQUIRED = ['OIDC_ISSUER', 'OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET', 'OIDC_REDIRECT_URI'] as const;

const fields = z.object({
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  /** Defaulted after parsing (DEFAULT_DATA_DIR), so that `dataDirGiven` can tell the two apart. */
  DATA_DIR: z.string().min(1).optional(),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DEMO: flag('true'),
  /** The demo accounts' password (random, logged once, when unset); checked by the password rules when used. */
  DEMO_PASSWORD: optionalText,
  /** Mark cookies Secure even on plain http (behind a TLS-terminating proxy). */
  COOKIE_SECURE: flag('false'),
  /** Signs the anonymous CSRF tokens and the OpenID Connect flow cookie; random per process when unset. */
  SESSION_SECRET: optionalText.refine((v) => v === undefined || v.length >= 32, 'must be 32 characters or more'),
  /** `development`: page templates are recompiled on every request. */
  NODE_ENV: optionalText,
  /** The login name, for the command line's audit actor (`cli:<USER>`). */
  USER: optionalText,
  OIDC_ISSUER: optionalText,
  OIDC_CLIENT_ID: optionalText,
  OIDC_CLIENT_SECRET: optionalText,
  OIDC_REDIRECT_URI: optionalText,
  OIDC_LABEL: optionalText,
  /** Only for tests against a local issuer over http. */
  OIDC_ALLOW_INSECURE: flag('false'),
});
type Env = z.output<typeof fields>;

const schema = fields
  .superRefine((env, context) => {
    const given = OIDC_REQUIRED.filter((n) => env[n]);
    if (given.length === 0) return;
    const missing = OIDC_REQUIRED.filter((n) => !env[n]);
    if (missing.length) {
      // One line naming every missing variable (no path: the names are in the message).
      context.addIssue({ code: 'custom', path: [], message: `${missing.join(', ')}: required when ${given.join(', ')} ${given.length === 1 ? 'is' : 'are'} set` });
      return;
    }
    for (const name of ['OIDC_ISSUER', 'OIDC_REDIRECT_URI'] as const) {
      const url = parseUrl(env[name]!);
      if (!url) context.addIssue({ code: 'custom', path: [name], message: 'must be a URL' });
      else if (url.protocol !== 'https:' && !env.OIDC_ALLOW_INSECURE) context.addIssue({ code: 'custom', path: [name], message: 'must be https' });
    }
  })
  .transform((env) => ({ ...env, DATA_DIR: env.DATA_DIR ?? DEFAULT_DATA_DIR, dataDirGiven: env.DATA_DIR !== undefined, oidc: oidcSettings(env) }));

export const DEFAULT_DATA_DIR = './data';

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

function parseUrl(text: string): URL | null {
  try {
    return new URL(text);
  } catch {
    return null;
  }
}

function oidcSettings(env: Env): OidcSettings | null {
  if (!env.OIDC_ISSUER) return null;
  return {
    issuer: new URL(env.OIDC_ISSUER),
    clientId: env.OIDC_CLIENT_ID!,
    clientSecret: env.OIDC_CLIENT_SECRET!,
    redirectUri: new URL(env.OIDC_REDIRECT_URI!),
    label: env.OIDC_LABEL || 'Sign in with your organisation account',
    allowInsecure: env.OIDC_ALLOW_INSECURE,
  };
}

/**
 * The variables, checked, plus `dataDirGiven` (whether DATA_DIR was set rather than defaulted) and `oidc`: OpenID Connect sign-in's settings (null when not configured). */
export type Config = z.infer<typeof schema>;

export class ConfigError extends Error {}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => (i.path.length ? `  ${i.path.join('.')}: ${i.message}` : `  ${i.message}`));
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return parsed.data;
}

/**
 * Which database the configuration uses, for a person (the `townhall` command says it on stderr): the
 * embedded database's absolute folder, or PostgreSQL's host, port and database — never the user name
 * or password — and which variable chose it.
 */
export function describeDatabase(config: Pick<Config, 'DATABASE_URL' | 'DATA_DIR' | 'dataDirGiven'>, cwd = process.cwd()): string {
  if (config.DATABASE_URL) {
    const ignored = config.dataDirGiven ? '; DATA_DIR is not used' : '';
    return `PostgreSQL at ${postgresWhere(config.DATABASE_URL)} (DATABASE_URL${ignored})`;
  }
  const folder = resolve(cwd, config.DATA_DIR);
  return config.dataDirGiven
    ? `embedded database at ${folder} (DATA_DIR)`
    : `embedded database at ${folder} (the default, ${DEFAULT_DATA_DIR} in the current folder; set DATA_DIR or DATABASE_URL to use another)`;
}

/** `host:port/database` of a postgres:// URL, without its user name and password. */
function postgresWhere(databaseUrl: string): string {
  const url = parseUrl(databaseUrl);
  if (!url) return 'the address in DATABASE_URL';
  const host = decodeURIComponent(url.hostname) || url.searchParams.get('host') || 'localhost';
  const database = decodeURIComponent(url.pathname.replace(/^\//, '')) || '(the default database)';
  return `${host}${url.port ? `:${url.port}` : ''}/${database}`;
}
