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
const USERNAME = /^[A-Za-z0-9._-]{3,50}$/;

export function emailProblem(email: string): string | null {
  if (!email.trim()) return 'Enter your email address';
  return EMAIL.test(email.trim()) ? null : 'Email must be an address such as name@example.com';
}

export function usernameProblem(username: string): string | null {
  if (!username.trim()) return 'Choose a username';
  return USERNAME.test(username.trim())
    ? null
    : 'Username must be 3 to 50 letters, digits, dots, dashes or underscores';
}

export function newPasswordProblem(password: string): string | null {
  if (!password) return 'Choose a password';
  if (password.length < 8) return 'Password must be at least 8 characters';
  if (password.length > 128) return 'Password must be at most 128 characters';
  return null;
}
