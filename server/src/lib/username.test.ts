import cases from './username-cases.json';
import { USERNAME_MESSAGE, usernameRuleProblem } from './username';

// The client's test (client/src/lib/username.test.ts) runs its copy of the rule over this file.
describe('the username rule', () => {
  test.each(cases.accepted)('%p is accepted', (username) => {
    expect(usernameRuleProblem(username)).toBeNull();
  });

  test.each(cases.refused)('%p is refused', (username) => {
    expect(usernameRuleProblem(username)).toBe(USERNAME_MESSAGE);
  });
});
