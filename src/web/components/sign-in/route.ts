/**
 * GET /sign-in, POST /sign-in (email + password, rate limited), POST /sign-out.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { App } from '../../../app.ts';
import { buildSignInView, safeNext } from './viewModel.ts';
import { ROUTES } from '../../urls.ts';

interface SignInBody {
  email?: string;
  password?: string;
  next?: string;
}

export const signInRoutes =
  (app: App): FastifyPluginAsync =>
  async (server) => {
    server.get<{ Querystring: { next?: string; 'signed-out'?: string } }>(ROUTES.signIn, async (request, reply) => {
      reply.header('Cache-Control', 'no-store');
      return reply.view('sign-in/sign-in.njk', buildSignInView({ next: request.query.next, signedOut: request.query['signed-out'] === '1' }));
    });

    server.post<{ Body: SignInBody }>(ROUTES.signIn, { config: { csrfAllowAnonymous: true } }, async (request, reply) => {
      reply.header('Cache-Control', 'no-store');
      const email = typeof request.body?.email === 'string' ? request.body.email.trim() : '';
      const password = typeof request.body?.password === 'string' ? request.body.password : '';
      const next = request.body?.next;
      const errors: { email?: string; password?: string } = {};
      if (!email) errors.email = 'Enter your email address';
      if (!password) errors.password = 'Enter your password';
      if (errors.email || errors.password) {
        return reply.code(400).view('sign-in/sign-in.njk', buildSignInView({ email, next, errors }));
      }
      const outcome = await app.accounts.signIn(email, password, request.ip, request.sessionToken);
      if (!outcome.ok) {
        if (outcome.reason === 'rate-limited') {
          return reply.code(429).view(
            'sign-in/sign-in.njk',
            buildSignInView({
              email,
              next,
              errors: { form: `You have tried to sign in too many times. Wait ${outcome.retryAfterMinutes} minutes, then try again.` },
            }),
          );
        }
        return reply.code(400).view(
          'sign-in/sign-in.njk',
          buildSignInView({ email, next, errors: { form: 'Enter a correct email address and password' } }),
        );
      }
      reply.setSessionCookie(outcome.token);
      return reply.redirect(safeNext(next), 303);
    });

    server.post(ROUTES.signOut, async (request, reply) => {
      await app.accounts.signOut(request.sessionToken);
      reply.clearSessionCookie();
      return reply.redirect(`${ROUTES.signIn}?signed-out=1`, 303);
    });
  };
