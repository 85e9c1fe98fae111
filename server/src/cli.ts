import { ConfigError } from './config';

/**
 * Runs a command-line tool's `main` (npm run db:migrate, npm run jobs): a failure prints one
 * line for the operator, a configuration error naming the variable, and exits 1.
 */
export function runCli(main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    console.error(
      error instanceof ConfigError
        ? `Invalid configuration: ${error.message}`
        : (error as Error).message,
    );
    process.exit(1);
  });
}
