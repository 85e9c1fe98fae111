// Just what the benchmark uses of two packages that ship no type declarations.

declare module 'better-sqlite3' {
  namespace Database {
    interface Statement {
      readonly reader: boolean;
      all(...params: unknown[]): unknown[];
      run(...params: unknown[]): { changes: number };
    }
  }
  interface Database {
    prepare(sql: string): Database.Statement;
    pragma(sql: string): unknown;
    exec(sql: string): void;
    close(): void;
  }
  const Database: new (file: string) => Database;
  export default Database;
}

declare module 'autocannon' {
  import type { EventEmitter } from 'node:events';

  interface Histogram {
    average: number;
    mean: number;
    p50: number;
    p99: number;
    total: number;
  }
  interface Result {
    requests: Histogram;
    latency: Histogram;
    non2xx: number;
    errors: number;
    timeouts: number;
    duration: number;
  }
  interface Options {
    url: string;
    connections?: number;
    duration?: number;
    method?: string;
    headers?: Record<string, string>;
    body?: string;
  }
  interface Instance extends EventEmitter, PromiseLike<Result> {
    stop(): void;
  }
  function autocannon(options: Options): Instance;
  export = autocannon;
}
