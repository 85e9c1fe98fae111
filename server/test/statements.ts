import type { DataSource, Logger } from 'typeorm';

/**
 * Every statement `work` sends through the data source, in order, with its parameters: for
 * tests that hold a request to a number of statements (TypeORM logs each through its logger).
 */
export async function statementsOf(
  dataSource: DataSource,
  work: () => Promise<void>,
): Promise<{ query: string; parameters: unknown[] }[]> {
  const sent: { query: string; parameters: unknown[] }[] = [];
  const holder = dataSource as unknown as { logger: Logger };
  const original = holder.logger;
  holder.logger = {
    ...original,
    logQuery: (query: string, parameters?: unknown[]) =>
      void sent.push({ query, parameters: parameters ?? [] }),
  } as Logger;
  try {
    await work();
  } finally {
    holder.logger = original;
  }
  return sent;
}
