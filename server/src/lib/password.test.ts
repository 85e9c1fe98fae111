import { hashPassword, needsRehash, verifyPassword } from './password';

describe('password hashing', () => {
  test('defaults to OWASP scrypt parameters, stored self-describing, with a 16-byte salt', async () => {
    const hash = await hashPassword('correct horse battery');
    const [, params, salt, key] = hash.split('$');
    expect(params).toBe('ln=17,r=8,p=1');
    expect(Buffer.from(salt, 'base64')).toHaveLength(16);
    expect(Buffer.from(key, 'base64')).toHaveLength(32);
    expect(await verifyPassword('correct horse battery', hash)).toBe(true);
    expect(await verifyPassword('correct horse batterY', hash)).toBe(false);
  });

  test('two hashes of one password differ (random salt) and both verify', async () => {
    const [a, b] = await Promise.all([
      hashPassword('same password', 10),
      hashPassword('same password', 10),
    ]);
    expect(a).not.toBe(b);
    expect(await verifyPassword('same password', a)).toBe(true);
    expect(await verifyPassword('same password', b)).toBe(true);
  });

  test('hashes made with weaker parameters still verify and are flagged for rehashing', async () => {
    const weak = await hashPassword('older account', 10);
    expect(await verifyPassword('older account', weak)).toBe(true);
    expect(needsRehash(weak, 17)).toBe(true);
    expect(needsRehash(weak, 10)).toBe(false);
  });

  test('a malformed stored hash never verifies', async () => {
    expect(await verifyPassword('anything', 'plaintext')).toBe(false);
    expect(await verifyPassword('anything', 'scrypt$ln=17,r=8,p=1$$')).toBe(false);
  });
});
