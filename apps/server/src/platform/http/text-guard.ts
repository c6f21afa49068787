import type { AppInstance } from './types.js';
import { AppError } from '../errors.js';

const MESSAGE = 'must be valid text (no NUL character, no unpaired surrogate)';
/** U+0000, or half of a UTF-16 surrogate pair: neither can be stored as UTF-8 text. */
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** The path of the first string (or key) PostgreSQL cannot store, walked without recursion (bodies may nest deeply). */
export function firstUnstorable(value: unknown, root: string): string | null {
  const stack: [unknown, string][] = [[value, root]];
  while (stack.length) {
    const [v, at] = stack.pop()!;
    if (typeof v === 'string') {
      if (UNSTORABLE.test(v)) return at;
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push([v[i], `${at}.${i}`]);
    } else if (v !== null && typeof v === 'object' && !Buffer.isBuffer(v)) {
      for (const [k, child] of Object.entries(v).reverse()) {
        if (UNSTORABLE.test(k)) return at;
        stack.push([child, `${at}.${k}`]);
      }
    }
  }
  return null;
}

/**
 * PostgreSQL text and jsonb hold neither U+0000 nor a lone surrogate: such input is a 400 naming the field, in the shape
 * of every other validation error, instead of a 500 from the database halfway through a write.
 */
export function installTextGuard(app: AppInstance) {
  app.addHook('preValidation', async (req) => {
    for (const [part, value] of [['params', req.params], ['querystring', req.query], ['body', req.body]] as const) {
      const field = firstUnstorable(value, part);
      if (field) throw new AppError(400, 'VALIDATION_FAILED', `${field}: ${MESSAGE}`, [{ field, message: MESSAGE }]);
    }
  });
}
