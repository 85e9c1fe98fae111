import fs from 'node:fs';
import path from 'node:path';
import { buildAppSchema, printAppSchema } from '../graphql/schema';

/** Writes schema.graphql, or with --check fails when the committed one differs from the code. */
async function main(): Promise<void> {
  const file = path.resolve(__dirname, '..', '..', '..', 'schema.graphql');
  const printed = printAppSchema(await buildAppSchema());
  if (process.argv.includes('--check')) {
    const committed = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
    if (committed !== printed) {
      console.error('schema.graphql is stale: run `npm run schema:print` and commit the result');
      process.exit(1);
    }
    console.log('schema.graphql matches the server code');
    return;
  }
  fs.writeFileSync(file, printed);
  console.log(`wrote ${path.relative(process.cwd(), file)}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
