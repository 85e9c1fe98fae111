import type { Router } from 'express';
import type { DataSource } from 'typeorm';

export function healthRoutes(router: Router, dataSource: DataSource): void {
  /** The process is up and serving. */
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });

  /** The process can also reach its database: a load balancer sends traffic only then. */
  router.get('/readyz', async (_req, res) => {
    try {
      await dataSource.query('SELECT 1');
      res.json({ status: 'ready' });
    } catch {
      res.status(503).json({ status: 'unavailable', reason: 'Unable to connect to database' });
    }
  });
}
