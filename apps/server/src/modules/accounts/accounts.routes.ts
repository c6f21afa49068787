import { ChangePassword, CreateUser, CurrentUser, ErrorBody, LoginRequest, LoginResponse, OkBody, Paged, UserListQuery, UserSummary } from '@yiyang/contracts';
import { SESSION_COOKIE } from '../../platform/auth/sessions.js';
import { ctxOf } from '../../platform/http/auth-hooks.js';
import type { AppInstance } from '../../platform/http/types.js';
import { toCurrentUser, type AccountsService } from './accounts.service.js';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 429: ErrorBody };

export function accountsRoutes(app: AppInstance, accounts: AccountsService, opts: { cookieSecure: boolean; idleMinutes: number }) {
  app.post('/api/v1/auth/login', {
    schema: { tags: ['auth'], summary: 'Sign in; sets an HttpOnly session cookie and returns a bearer token', body: LoginRequest, response: { 200: LoginResponse, ...errors } },
    config: { public: true },
  }, async (req, reply) => {
    const { token, actor } = await accounts.login(req.body.username, req.body.password, {
      ip: req.ip,
      requestId: String(req.id),
      userAgent: req.headers['user-agent'] ?? null,
    });
    reply.setCookie(SESSION_COOKIE, token, {
      httpOnly: true,
      sameSite: 'strict',
      secure: opts.cookieSecure,
      path: '/',
      maxAge: opts.idleMinutes * 60 * 24, // the server-side idle timeout is what really ends it
    });
    return { token, user: toCurrentUser(actor) };
  });

  app.post('/api/v1/auth/logout', {
    schema: { tags: ['auth'], response: { 200: OkBody, ...errors } },
  }, async (req, reply) => {
    await accounts.logout(ctxOf(req));
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return { ok: true as const };
  });

  app.get('/api/v1/auth/me', {
    schema: { tags: ['auth'], summary: 'The signed-in user with role, org unit and linked ids', response: { 200: CurrentUser, ...errors } },
  }, (req) => toCurrentUser(ctxOf(req).actor));

  app.post('/api/v1/auth/password', {
    schema: { tags: ['auth'], summary: 'Change your own password (policy applies)', body: ChangePassword, response: { 200: OkBody, ...errors } },
  }, async (req) => {
    await accounts.changePassword(ctxOf(req), req.body.currentPassword, req.body.newPassword);
    return { ok: true as const };
  });

  app.get('/api/v1/users', {
    schema: { tags: ['users'], summary: 'Accounts in the caller\'s area, or in the subtree of the unit given', querystring: UserListQuery, response: { 200: Paged(UserSummary), ...errors } },
    config: { permission: 'users.read' },
  }, (req) => accounts.listUsers(ctxOf(req), req.query));

  app.post('/api/v1/users', {
    schema: { tags: ['users'], body: CreateUser, response: { 201: UserSummary, ...errors } },
    config: { permission: 'users.manage' },
  }, async (req, reply) => reply.status(201).send(await accounts.createUser(ctxOf(req), req.body)));
}
