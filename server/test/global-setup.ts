import { mysqlUrl } from './databases';

export default function globalSetup(): void {
  const url = mysqlUrl();
  if (url) {
    console.log(`\nIntegration suites run on SQLite and on MySQL/MariaDB at ${new URL(url).host}.`);
  } else {
    console.log(
      '\nMariaDB suites SKIPPED: only SQLite runs, and server/test/production (MariaDB only) does ' +
        'not run. Set TEST_MYSQL_URL=mysql://root@127.0.0.1:3306 (or CI=true) to run them all.',
    );
  }
}
