/**
 * The sign-in page's view model: the form, its error summary and inline errors, and the checked
 * `next` path (same-site paths only, so sign-in can never redirect to another site).
 */
import { ROUTES } from '../../urls.ts';
export interface SignInInput {
  email?: string;
  next?: string | null;
  errors?: { email?: string; password?: string; form?: string };
  signedOut?: boolean;
}

export interface SignInView {
  pageTitle: string;
  email: string;
  next: string;
  signedOut: boolean;
  errorSummary: { text: string; href: string }[] | null;
  errors: { email?: { text: string }; password?: { text: string } };
}

/**
 * A path on this site to go to after signing in: must start with one "/" (not "//" or "/\"), have
 * no control characters, and resolve to this origin. Anything else becomes "/".
 */
export function safeNext(next: unknown): string {
  if (typeof next !== 'string' || next.length > 2000) return '/';
  if (!next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
  if ([...next].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f || c === '\\')) return '/';
  try {
    const base = 'http://townhall.invalid';
    const url = new URL(next, base);
    if (url.origin !== base) return '/';
    if (url.pathname === ROUTES.signIn || url.pathname === ROUTES.signOut) return '/';
    return url.pathname + url.search + url.hash;
  } catch {
    return '/';
  }
}

export function buildSignInView(input: SignInInput): SignInView {
  const errors = input.errors ?? {};
  const summary: { text: string; href: string }[] = [];
  if (errors.form) summary.push({ text: errors.form, href: '#email' });
  if (errors.email) summary.push({ text: errors.email, href: '#email' });
  if (errors.password) summary.push({ text: errors.password, href: '#password' });
  return {
    pageTitle: 'Sign in',
    email: input.email ?? '',
    next: safeNext(input.next),
    signedOut: input.signedOut ?? false,
    errorSummary: summary.length ? summary : null,
    errors: {
      ...(errors.email || errors.form ? { email: { text: errors.email ?? errors.form! } } : {}),
      ...(errors.password || errors.form ? { password: { text: errors.password ?? errors.form! } } : {}),
    },
  };
}
