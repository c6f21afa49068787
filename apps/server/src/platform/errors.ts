/**
 * Errors the API answers with. Domain code throws these; the HTTP layer turns each into
 * `{ error: { code, message, details? } }` with its status. Anything else is a 500 whose
 * details go to the log, never to the client.
 */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export const badRequest = (message: string, details?: unknown) => new AppError(400, 'BAD_REQUEST', message, details);
export const unauthenticated = (message = 'authentication required') => new AppError(401, 'UNAUTHENTICATED', message);
export const forbidden = (message = 'not allowed for your role') => new AppError(403, 'FORBIDDEN', message);
/** Also what a caller gets for a record outside its org scope: it must not learn that it exists. */
export const notFound = (what = 'record') => new AppError(404, 'NOT_FOUND', `${what} not found`);
export const conflict = (message: string, details?: unknown) => new AppError(409, 'CONFLICT', message, details);
export const tooManyRequests = (message: string) => new AppError(429, 'TOO_MANY_REQUESTS', message);
