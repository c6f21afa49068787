import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from './api.js';

/** Codes whose meaning the user needs in their own words; anything else shows the server's message. */
const KNOWN = ['NETWORK', 'INVALID_CREDENTIALS', 'TOO_MANY_REQUESTS', 'FORBIDDEN', 'UNAUTHENTICATED', 'INTERNAL'] as const;
type Known = (typeof KNOWN)[number];

function isKnown(code: string): code is Known {
  return (KNOWN as readonly string[]).includes(code);
}

/** Turns a failed request into one sentence for the user. */
export function useErrorText(): (err: unknown) => string {
  const { t } = useTranslation();
  return useCallback(
    (err: unknown) => {
      if (err instanceof ApiError) {
        if (err.code === 'TOO_MANY_REQUESTS') return t('errors.TOO_MANY_REQUESTS', { message: err.message });
        if (isKnown(err.code)) return t(`errors.${err.code}`);
        return t('errors.generic', { message: err.message });
      }
      return t('errors.unexpected');
    },
    [t],
  );
}
