/**
 * The username rule. The web form mirrors it in client/src/lib/forms.ts; both sides test it over
 * the same cases (username-cases.json), so a name the API takes is never refused by the form.
 */
const USERNAME = /^[\p{L}\p{N}._-]{3,50}$/u;

export const USERNAME_MESSAGE =
  'Username must be 3 to 50 letters, digits, dots, dashes or underscores';

/** Why `username` (already trimmed) is not acceptable, or null when it is. */
export function usernameRuleProblem(username: string): string | null {
  // Logins compare lower-cased names; lower-casing can lengthen a name ("İ" becomes two code
  // points), and the lower-cased key must fit its 50-character column too.
  const lowered = [...username.toLowerCase()].length;
  return USERNAME.test(username) && lowered <= 50 ? null : USERNAME_MESSAGE;
}
