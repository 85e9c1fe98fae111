/**
 * Which databases the integration suites run on. SQLite always; MariaDB/MySQL when
 * TEST_MYSQL_URL is set, and always under CI=true (CI starts MariaDB, so there it is required:
 * an unreachable server fails the run instead of skipping it).
 */
export type Driver = 'sqlite' | 'mysql';

const LOCAL_MARIADB = 'mysql://root@127.0.0.1:3306';

export function mysqlUrl(): string | undefined {
  if (process.env.TEST_MYSQL_URL) return process.env.TEST_MYSQL_URL;
  return process.env.CI === 'true' ? LOCAL_MARIADB : undefined;
}

export function testDrivers(): Driver[] {
  return mysqlUrl() ? ['sqlite', 'mysql'] : ['sqlite'];
}
