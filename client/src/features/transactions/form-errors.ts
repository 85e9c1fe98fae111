import { errorMessage, fieldErrors } from '../../lib/errors';
import type { Problems } from '../../lib/forms';

/**
 * A refused save, split into messages beside the form's own fields and one sentence for the rest
 * (a missing exchange rate names `currency`, which these forms do not show as a field).
 * `aliases` maps the API's field names to the form's (the write path says `accountId` for
 * the account a transfer leaves).
 */
export function placeErrors(
  error: unknown,
  fields: readonly string[],
  aliases: Record<string, string> = {},
): { problems: Problems; failure: string | null } {
  const problems: Problems = {};
  const rest: string[] = [];
  for (const [field, message] of Object.entries(fieldErrors(error))) {
    const name = aliases[field] ?? field;
    if (fields.includes(name)) problems[name] ??= message;
    else rest.push(message);
  }
  if (Object.keys(problems).length === 0 && rest.length === 0) {
    return { problems, failure: errorMessage(error) };
  }
  return { problems, failure: rest.length > 0 ? rest.join(' ') : null };
}
