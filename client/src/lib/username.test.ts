import cases from '../../../server/src/lib/username-cases.json';
import { usernameProblem } from './forms';

// The same cases as the API's rule (server/src/lib/username.test.ts): the form must not refuse
// a name the API takes, nor let through one it refuses.
describe('the register form’s username rule matches the API’s', () => {
  test.each(cases.accepted)('%p is accepted', (username) => {
    expect(usernameProblem(username)).toBeNull();
  });

  test.each(cases.refused)('%p is refused', (username) => {
    expect(usernameProblem(username)).toBe(
      'Username must be 3 to 50 letters, digits, dots, dashes or underscores',
    );
  });
});
