import { describeEachDatabase } from '../../../test/test-server';
import { PASSWORD, signUp } from '../../../test/factories';

describeEachDatabase('auth', (server) => {
  test('register, login by username and by email, me, logout', async () => {
    const client = server().client();
    const user = await signUp(client);
    const { me } = await client.data('{ me { id username currency } }');
    expect(me).toEqual({ id: user.id, username: user.username, currency: 'USD' });

    await client.data('mutation { logout }');
    expect((await client.data('{ me { id } }')).me).toBeNull();

    const byEmail = await client.data(
      'mutation($u: String!, $p: String!) { login(username: $u, password: $p) { id } }',
      { u: user.email.toUpperCase(), p: PASSWORD },
    );
    expect(byEmail.login.id).toBe(user.id);
  });
});
