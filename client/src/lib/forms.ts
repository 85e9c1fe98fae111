/** The form's text fields as the user typed them, by field name. */
export function formValues(form: HTMLFormElement): Record<string, string> {
  const values: Record<string, string> = {};
  new FormData(form).forEach((value, key) => {
    if (typeof value === 'string') values[key] = value;
  });
  return values;
}

export type Problems = Record<string, string>;

export function hasProblems(problems: Problems): boolean {
  return Object.keys(problems).length > 0;
}

/** Moves keyboard focus to the first field with a problem, so it is announced and fixable. */
export function focusFirstProblem(form: HTMLFormElement, problems: Problems): void {
  const first = Object.keys(problems)[0];
  const field = first ? form.elements.namedItem(first) : null;
  if (field instanceof HTMLElement) field.focus();
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
// Mirrors server/src/lib/username.ts: letters and digits of any script, as the API accepts them
// ("José"); both sides are tested over server/src/lib/username-cases.json.
const USERNAME = /^[\p{L}\p{N}._-]{3,50}$/u;

export function emailProblem(email: string): string | null {
  if (!email.trim()) return 'Enter your email address';
  return EMAIL.test(email.trim()) ? null : 'Email must be an address such as name@example.com';
}

export function usernameProblem(username: string): string | null {
  if (!username.trim()) return 'Choose a username';
  const name = username.trim();
  // The server also keeps the lower-cased login key within 50 characters ("İ" lowers to two).
  return USERNAME.test(name) && [...name.toLowerCase()].length <= 50
    ? null
    : 'Username must be 3 to 50 letters, digits, dots, dashes or underscores';
}

export function newPasswordProblem(password: string): string | null {
  if (!password) return 'Choose a password';
  if (password.length < 8) return 'Password must be at least 8 characters';
  if (password.length > 128) return 'Password must be at most 128 characters';
  return null;
}
