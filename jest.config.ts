import type { Config } from 'jest';
import { mysqlUrl } from './server/test/databases';

// swc compiles the tests like tsc compiles the server: legacy decorators with their metadata
// (type-graphql and TypeORM read it) and no define semantics for class fields.
const swc = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
    target: 'es2022',
  },
  module: { type: 'commonjs' },
};

// The client's components: TSX with React's automatic JSX runtime.
const swcClient = {
  jsc: {
    parser: { syntax: 'typescript', tsx: true },
    transform: { react: { runtime: 'automatic' } },
    target: 'es2022',
  },
  module: { type: 'commonjs' },
};

const config: Config = {
  projects: [
    {
      displayName: 'server',
      // The production-database suites start MariaDB servers of their own next to the shared
      // one: they run where the MariaDB suites run (TEST_MYSQL_URL or CI=true), else not at all.
      testPathIgnorePatterns: mysqlUrl()
        ? ['/node_modules/']
        : ['/node_modules/', '/server/test/production/'],
      testEnvironment: 'node',
      roots: ['<rootDir>/server'],
      testMatch: ['**/*.test.ts'],
      transform: { '^.+\\.ts$': ['@swc/jest', swc] },
      globalSetup: '<rootDir>/server/test/global-setup.ts',
      setupFiles: ['<rootDir>/server/test/setup-env.ts'],
    },
    {
      displayName: 'client',
      testEnvironment: 'jsdom',
      roots: ['<rootDir>/client/src'],
      testMatch: ['**/*.test.ts', '**/*.test.tsx'],
      transform: { '^.+\\.(t|j)sx?$': ['@swc/jest', swcClient] },
      // Apollo Client 4 and rxjs ship ES modules; they are compiled like our own code.
      transformIgnorePatterns: ['/node_modules/(?!(@apollo|rxjs|react-router)/)'],
      moduleNameMapper: { '\\.css$': '<rootDir>/client/test/style-mock.ts' },
      setupFilesAfterEnv: ['<rootDir>/client/test/setup.ts'],
    },
    {
      // The built client in headless Chromium against the real server on a fresh SQLite database.
      displayName: 'e2e',
      testEnvironment: 'node',
      roots: ['<rootDir>/client/e2e'],
      testMatch: ['**/*.e2e.ts'],
      transform: { '^.+\\.ts$': ['@swc/jest', swc] },
      globalSetup: '<rootDir>/client/e2e/global-setup.ts',
    },
  ],
  testTimeout: 30_000,
};

export default config;
