import type { Router } from 'express';
import type { DataSource } from 'typeorm';
import { databaseProblem } from '../../db/connect';
import { databaseSettings } from '../../db/data-source';
import { log } from '../../log';

/** A load balancer's health check gives up after a few seconds; so does /readyz. */
export const READY_TIMEOUT_MS = 3_000;

export function healthRoutes(router: Router, dataSource: DataSource): void {
  /** The process is up and serving. */
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });

  /**
   * The process can also reach its database: a load balancer sends traffic only then. When it
   * cannot, `reason` is the operator's message ("Unable to connect to database" or "Could not
   * generate auth token") and `detail` the same on one line with where and why.
   */
  router.get('/readyz', async (_req, res) => {
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        dataSource.query('SELECT 1'),
        new Promise((_resolve, reject) => {
          timer = setTimeout(
            () => reject(new Error(`no answer within ${READY_TIMEOUT_MS} ms`)),
            READY_TIMEOUT_MS,
          );
        }),
      ]);
      res.json({ status: 'ready' });
    } catch (error) {
      const settings = databaseSettings(dataSource);
      const detail = settings
        ? databaseProblem(settings, error)
        : 'Unable to connect to database: ' + String(error);
      const reason = detail.startsWith('Could not generate auth token')
        ? 'Could not generate auth token'
        : 'Unable to connect to database';
      log('warn', 'Not ready', { detail });
      res.status(503).json({ status: 'unavailable', reason, detail });
    } finally {
      clearTimeout(timer);
    }
  });
}
