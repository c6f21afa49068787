import { maskNumbersIn } from '../crypto.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const maskValue = (value: string) => (UUID.test(value) ? value : maskNumbersIn(value));

/**
 * A URL as the request log keeps it: searches carry whole ID-card and phone numbers
 * (`/api/v1/elders?q=110105194912310021`), which must reach the log masked like everywhere else.
 * Dates, ids and page numbers stay readable.
 */
export function maskNumbersInUrl(url: string): string {
  const at = url.indexOf('?');
  if (at < 0) return url;
  const params = new URLSearchParams(url.slice(at + 1));
  const masked = new URLSearchParams();
  for (const [key, value] of params) masked.append(key, maskValue(value));
  return `${url.slice(0, at)}?${masked.toString()}`;
}

/** Fastify's own request serializer, with the URL masked. */
export function requestForLog(req: { method: string; url: string; headers?: Record<string, unknown>; host?: string; ip?: string; socket?: { remotePort?: number } }) {
  return {
    method: req.method,
    url: maskNumbersInUrl(req.url),
    version: typeof req.headers?.['accept-version'] === 'string' ? req.headers['accept-version'] : undefined,
    host: req.host,
    remoteAddress: req.ip,
    remotePort: req.socket?.remotePort,
  };
}
