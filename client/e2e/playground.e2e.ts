import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser, screenshots, settle, startApp, textOf, until, type App } from './harness';

jest.setTimeout(90_000);

let app: App;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const schemaRequests: { status: number; errors: string[] }[] = [];

beforeAll(async () => {
  [app, browser] = await Promise.all([startApp(), launchBrowser()]);
  context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
  // Signed in through the API (the context keeps the session cookie for the page).
  const user = { username: 'grace', password: 'compiler 1952 navy' };
  for (const query of [
    `mutation { register(input: { firstname: "Grace", lastname: "Hopper", email: "grace@example.com", username: "${user.username}", password: "${user.password}" }) { id } }`,
    `mutation { login(username: "${user.username}", password: "${user.password}") { id } }`,
  ]) {
    const response = await context.request.post(`${app.url}/graphql`, { data: { query } });
    expect(((await response.json()) as { errors?: unknown }).errors).toBeUndefined();
  }
  page = await context.newPage();
  // What the server answered to GraphiQL's own schema query.
  page.on('response', async (response) => {
    const body = response.request().postData() ?? '';
    if (!response.url().endsWith('/graphql') || !body.includes('__schema')) return;
    const answer = (await response.json().catch(() => ({}))) as {
      errors?: { message: string }[];
    };
    schemaRequests.push({
      status: response.status(),
      errors: (answer.errors ?? []).map((e) => e.message),
    });
  });
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

test('playground: the docs pane lists the schema and the editor completes field names', async () => {
  await page.goto(`${app.url}/playground`);
  await page.locator('.graphiql-container').waitFor({ timeout: 20_000 });
  await page.locator('.graphiql-editor').first().waitFor();
  await until(
    'the schema query to be answered',
    async () => schemaRequests,
    (seen) => seen.length > 0,
    20_000,
  );
  expect(schemaRequests[0]).toEqual({ status: 200, errors: [] });

  await page.getByRole('button', { name: 'Show Documentation Explorer' }).click();
  const docs = page.locator('.graphiql-doc-explorer');
  await textOf(docs, /query:\s*Query/, 20_000);
  expect(await docs.innerText()).not.toContain('Error fetching schema');
  await docs.getByRole('link', { name: 'Query', exact: true }).first().click();
  await textOf(docs.locator('.graphiql-doc-explorer-content'), 'dashboard');
  await textOf(docs.locator('.graphiql-doc-explorer-content'), 'expenses');

  // A fresh query typed into the editor: Monaco offers the schema's fields as you type.
  const editor = page.locator('.graphiql-query-editor .monaco-editor').first();
  await editor.click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Delete');
  await page.keyboard.type('{ dashb', { delay: 50 });
  const suggestions = page.locator('.monaco-editor .suggest-widget.visible');
  let offered = await textOf(suggestions, 'dashboard', 5_000).catch(() => '');
  if (!offered) {
    // Typing may outrun the first suggestion; asking for it is what a user would do next.
    await page.keyboard.press('Control+Space');
    offered = await textOf(suggestions, 'dashboard', 10_000);
  }
  expect(offered).toContain('dashboard');
  await settle(page);
  await screenshots(page, 'playground-docs');
});
