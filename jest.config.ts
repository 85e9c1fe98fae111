import type { Config } from 'jest';

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

const config: Config = {
  projects: [
    {
      displayName: 'server',
      testEnvironment: 'node',
      roots: ['<rootDir>/server'],
      testMatch: ['**/*.test.ts'],
      transform: { '^.+\\.ts$': ['@swc/jest', swc] },
      globalSetup: '<rootDir>/server/test/global-setup.ts',
      setupFiles: ['<rootDir>/server/test/setup-env.ts'],
    },
  ],
  testTimeout: 30_000,
};

export default config;
