import { PASSWORD_MIN_LENGTH, passwordProblems } from '@yiyang/contracts';
import type { TFunction } from 'i18next';

/**
 * The server's password policy (contracts' passwordProblems), in the reader's language. The
 * policy's own sentences are English; each known rule maps to a translated one, and a rule added
 * later without a translation still shows, in English, rather than passing silently.
 */
export function passwordProblemTexts(t: TFunction, password: string, username?: string): string[] {
  return passwordProblems(password, username).map((p) => {
    if (p === `at least ${PASSWORD_MIN_LENGTH} characters`) return t('password.minLength', { min: PASSWORD_MIN_LENGTH });
    if (p.startsWith('at least three of')) return t('password.classes');
    if (p === 'must not contain the username') return t('password.noUsername');
    if (p === 'must not be one repeated character') return t('password.repeated');
    return p;
  });
}
