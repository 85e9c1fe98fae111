import { signUp } from '../../../test/factories';
import { createToken, upload } from '../../../test/uploads';
import {
  createTestDatabase,
  describeEachDatabase,
  startTestServer,
  type TestDatabase,
  type TestServer,
} from '../../../test/test-server';
import { testDrivers } from '../../../test/databases';
import { UploadService } from './upload.service';

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);

describeEachDatabase('uploads', (server) => {
  test('a session upload answers 201 with the type decided by content, not by name', async () => {
    const client = server().client();
    await signUp(client);
    const csv = await upload(client, 'Date,Amount\n2024-01-15,12.50\n', {
      name: 'statement.pdf',
      declaredType: 'application/pdf',
    });
    expect(csv.status).toBe(201);
    expect(csv.body).toEqual({
      id: expect.stringMatching(/^[1-9]\d*$/),
      name: 'statement.pdf',
      size: 29,
      type: 'text/csv',
    });
    const png = await upload(client, PNG, { name: 'notes.txt', declaredType: 'text/plain' });
    expect(png.body.type).toBe('image/png');
    const pdf = await upload(client, '%PDF-1.7\n%\u00e2\u00e3\n1 0 obj\n', { name: 'x.csv' });
    expect(pdf.body.type).toBe('application/pdf');
  });

  test('SVG and HTML are refused with 415 whatever their name', async () => {
    const client = server().client();
    await signUp(client);
    const svg = await upload(
      client,
      '<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
      {
        name: 'rates.xml',
        declaredType: 'application/xml',
      },
    );
    expect(svg.status).toBe(415);
    expect(svg.body.error).toMatch(/HTML and SVG/);
    const html = await upload(client, '<!DOCTYPE html><p>hi</p>', { name: 'rates.csv' });
    expect(html.status).toBe(415);
    const binary = await upload(client, Buffer.from([0x00, 0x01, 0x02, 0x03, 0x7f]), {
      name: 'a.csv',
    });
    expect(binary.status).toBe(415);
    expect(binary.body.error).toMatch(/not supported/);
  });

  test('a browser session without X-Requested-With is 403; nobody signed in is 401', async () => {
    const client = server().client();
    await signUp(client);
    const cookie = [...client.cookies].map(([n, v]) => `${n}=${v}`).join('; ');
    const crossSite = await upload(client, 'a,b\n1,2\n', { headers: { cookie } });
    expect(crossSite.status).toBe(403);
    expect(crossSite.body.error).toMatch(/X-Requested-With/);
    const anonymous = await upload(server().client(), 'a,b\n1,2\n');
    expect(anonymous.status).toBe(401);
  });

  test('a WRITE token uploads without the header; a READ token is 403; a bad token 401', async () => {
    const client = server().client();
    await signUp(client);
    const write = await createToken(client, 'WRITE');
    const read = await createToken(client, 'READ');
    const script = server().client();
    const written = await upload(script, 'a;b\n1;2\n', { bearer: write });
    expect(written.status).toBe(201);
    expect(written.body.type).toBe('text/csv');
    const refused = await upload(script, 'a;b\n1;2\n', { bearer: read });
    expect(refused.status).toBe(403);
    expect(refused.body.error).toMatch(/only read/);
    expect((await upload(script, 'a', { bearer: 'not-a-token' })).status).toBe(401);
  });

  test('recognises the text formats of bank files', async () => {
    const client = server().client();
    await signUp(client);
    const types = async (content: string | Buffer) => (await upload(client, content)).body.type;
    expect(await types('OFXHEADER:100\nDATA:OFXSGML\n<OFX>\n')).toBe('application/x-ofx');
    expect(await types('<?xml version="1.0"?>\n<?OFX OFXHEADER="200"?>\n<OFX></OFX>')).toBe(
      'application/x-ofx',
    );
    expect(await types('<?xml version="1.0"?><Document><BkToCstmrStmt/></Document>')).toBe(
      'application/xml',
    );
    expect(await types('!Type:Bank\nD01/15/2024\nT-12.50\n^\n')).toBe('application/qif');
    expect(await types('{"rates": [1, 2]}')).toBe('application/json');
    expect(await types('just a note\n')).toBe('text/plain');
    // Windows-1252 text (é as 0xE9) is text, not binary.
    expect(await types(Buffer.from('Date;Libell\xe9\n2024-01-15;Caf\xe9\n', 'latin1'))).toBe(
      'text/csv',
    );
    expect(await types(Buffer.from('PK\x03\x04rest', 'latin1'))).toBe('application/zip');
    expect(await types(Buffer.from('\xff\xd8\xff\xe0', 'latin1'))).toBe('image/jpeg');
    expect(await types(Buffer.from('RIFF\x00\x00\x00\x00WEBPVP8 ', 'latin1'))).toBe('image/webp');
    expect(await types(Buffer.from('\x00\x00\x00\x18ftypheic\x00\x00\x00\x00', 'latin1'))).toBe(
      'image/heic',
    );
  });

  test("another user's upload reads exactly like a missing one", async () => {
    const owner = server().client();
    const ownerUser = await signUp(owner);
    const stranger = server().client();
    const strangerUser = await signUp(stranger);
    const { body } = await upload(owner, 'a,b\n1,2\n', { name: 'mine.csv' });
    const service = new UploadService(server().dataSource);
    const read = await service.read(Number(ownerUser.id), body.id as string);
    expect(read.content.toString()).toBe('a,b\n1,2\n');
    expect(read).toMatchObject({ name: 'mine.csv', type: 'text/csv', size: 8 });
    const foreign = service.read(Number(strangerUser.id), body.id as string);
    await expect(foreign).rejects.toMatchObject({ code: 'NOT_FOUND', message: 'Upload not found' });
    await expect(service.read(Number(strangerUser.id), '99999999')).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: 'Upload not found',
    });
  });

  test('uploads expire after 24 hours unless kept; expired ones are deleted on upload', async () => {
    const client = server().client();
    const user = await signUp(client);
    const service = new UploadService(server().dataSource);
    const userId = Number(user.id);
    const dayAgo = new Date(Date.now() - 25 * 60 * 60 * 1000);
    const old = await service.store(userId, 'old.csv', Buffer.from('a,b\n'), dayAgo);
    const fresh = await service.store(userId, 'fresh.csv', Buffer.from('a,b\n'));
    await service.keep(userId, fresh.id);
    await expect(service.read(userId, old.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await upload(client, 'x,y\n')).status).toBe(201);
    const rows: unknown[] = await server().dataSource.query('SELECT id FROM uploads WHERE id = ?', [
      Number(old.id),
    ]);
    expect(rows).toEqual([]);
    // Kept before it expired: still there a day later.
    const later = new Date(Date.now() + 25 * 60 * 60 * 1000);
    expect((await service.read(userId, fresh.id, later)).name).toBe('fresh.csv');
  });
});

describe.each(testDrivers())('uploads over the size limit [%s]', (driver) => {
  let database: TestDatabase;
  let server: TestServer;
  const LIMIT = 64 * 1024;
  beforeAll(async () => {
    database = await createTestDatabase(driver);
    database.config.uploadMaxBytes = LIMIT;
    server = await startTestServer(database);
  });
  afterAll(async () => {
    await server?.stop();
    await database?.drop();
  });

  test('a file of exactly the limit is taken; one byte more is 413', async () => {
    const client = server.client();
    await signUp(client);
    const fits = await upload(client, 'a'.repeat(LIMIT));
    expect(fits.status).toBe(201);
    expect(fits.body.size).toBe(LIMIT);
    const over = await upload(client, 'a'.repeat(LIMIT + 1));
    expect(over.status).toBe(413);
    expect(over.body.error).toMatch(/larger than the limit/);
  });

  test('a body far over the limit is refused from its Content-Length, without reading it', async () => {
    const client = server.client();
    await signUp(client);
    const huge = await upload(client, Buffer.alloc(LIMIT * 40, 'a'));
    expect(huge.status).toBe(413);
    const count: { n: number | string }[] = await server.dataSource.query(
      'SELECT COUNT(*) AS n FROM uploads',
    );
    expect(Number(count[0].n)).toBe(1);
  });
});
