import type { Translate } from '../../ui/translate.ts';
import { errorCode, fieldErrors, type ApiFieldError, type ApiResponse } from './api.ts';

/**
 * The staff API's refusals in words. The case routes answer stable codes
 * (`stale_version`, `invalid_assignee`, zod's `too_small`, ...); the auth
 * and user routes add a message in the request's language, which is used
 * as it is. A code without a string of its own gets a general message.
 */

/** A field error's text: the server's message, else the code's string, else a general one. */
export function fieldErrorText(t: Translate, has: (key: string) => boolean, error: ApiFieldError): string {
  if (error.message) return error.message;
  if (has(`staff.apiError.${error.code}`)) return t(`staff.apiError.${error.code}`);
  return t('form.error.invalid');
}

/** The text for an answer that is not a success and not about a field. */
export function problemText(t: Translate, has: (key: string) => boolean, response: ApiResponse): string {
  if (response.status === 0) return t('staff.problem.offline');
  if (response.status === 429) return t('staff.problem.tooMany');
  if (response.status >= 500) return t('staff.problem.server');
  const code = errorCode(response.body);
  if (code && has(`staff.apiError.${code}`)) return t(`staff.apiError.${code}`);
  if (response.status === 403) return t('staff.apiError.forbidden');
  if (response.status === 404) return t('staff.apiError.not_found');
  const first = fieldErrors(response.body)[0];
  if (first) return fieldErrorText(t, has, first);
  return t('staff.problem.server');
}
