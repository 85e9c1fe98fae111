import { taxRoutes } from './modules/tax/tax.routes';
import { ApolloServer } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import compression from 'compression';
import express, { type NextFunction, type Request, type Response } from 'express';
import { GraphQLError } from 'graphql';
import type { DataSource } from 'typeorm';
import type { Config } from './config';
import { createContext, type RequestContext } from './context';
import { AppError, HTTP_STATUS, isDatabaseUnavailable } from './errors';
import { formatGraphQLError } from './graphql/format-error';
import { accessPlugin } from './graphql/access-plugin';
import { LIMITS as GRAPHQL_LIMITS, operationLimitsRule } from './graphql/limits';
import { securityHeaders } from './http/security-headers';
import { staticClient } from './http/static-client';
import { buildAppSchema } from './graphql/schema';
import { log, requestLogging } from './log';
import { authRoutes } from './modules/auth/auth.routes';
import { budgetRoutes } from './modules/budgets/budget.routes';
import { calendarRoutes } from './modules/recurring/calendar.routes';
import { expenseRoutes } from './modules/expenses/expense.routes';
import { exportRoutes } from './modules/export/export.routes';
import { reportRoutes } from './modules/reports/report.routes';
import { healthRoutes } from './modules/health/health.routes';
import { idempotencyPlugin } from './modules/idempotency/idempotency.plugin';
import { renderClientPage } from './modules/nojs/client-page';
import { uploadRoutes } from './modules/uploads/upload.routes';
import { receiptRoutes } from './modules/receipts/receipt.routes';
import { userRoutes } from './modules/users/user.routes';
import { createServices, type Services } from './services';

const BODY_LIMIT = '1mb';

export interface App {
  app: express.Express;
  apollo: ApolloServer<RequestContext>;
  services: Services;
}

export async function createApp(config: Config, dataSource: DataSource): Promise<App> {
  const services = createServices(dataSource, config);
  const apollo = new ApolloServer<RequestContext>({
    schema: await buildAppSchema(),
    // Apollo's default landing page loads from a CDN; the playground is served by our client.
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      // We set no cache hints; the plugin would still wrap every field resolver.
      ApolloServerPluginCacheControlDisabled(),
      accessPlugin(config.introspection),
      idempotencyPlugin(),
    ],
    // main.ts owns the signals: Apollo's own SIGTERM handler would start a second, racing stop()
    // that never settles for the app's close(), so the database pool was never closed.
    stopOnTerminationSignals: false,
    // Who may introspect is decided per caller by accessPlugin (GRAPHQL_INTROSPECTION).
    introspection: true,
    validationRules: [operationLimitsRule],
    parseOptions: { maxTokens: GRAPHQL_LIMITS.maxTokens },
    // One operation per request: a JSON array of operations is refused.
    allowBatchedHttpRequests: false,
    // No "Did you mean ...?" hints about field names to strangers in production.
    hideSchemaDetailsFromClientErrors: config.nodeEnv === 'production',
    includeStacktraceInErrorResponses: false,
    formatError: (formatted, error) =>
      formatGraphQLError(formatted, error, (cause) =>
        log('error', 'GraphQL request failed', { error: cause }),
      ),
  });
  await apollo.start();

  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', config.trustProxy);
  app.use(securityHeaders());
  // Each request's id in X-Request-Id and on every log line written while serving it.
  app.use(requestLogging());

  const routes = express.Router();
  healthRoutes(routes, dataSource);
  uploadRoutes(routes, services, config.uploadMaxBytes);
  calendarRoutes(routes, services);
  exportRoutes(routes, services);
  receiptRoutes(routes, services);
  reportRoutes(routes, services);
  taxRoutes(routes, services);
  app.use(routes);

  app.use(
    '/graphql',
    // Large answers (lists, the schema) go compressed; small ones are not worth the CPU.
    compression(),
    express.json({ limit: BODY_LIMIT }),
    expressMiddleware(apollo, {
      context: async ({ req, res }) => {
        try {
          return await createContext(req, res, services, config);
        } catch (error) {
          if (error instanceof AppError) {
            // A bearer token that does not work: said plainly, with 401.
            throw new GraphQLError(error.message, {
              extensions: { code: error.code, http: { status: HTTP_STATUS[error.code] } },
            });
          }
          if (!isDatabaseUnavailable(error)) throw error;
          throw new GraphQLError('The database cannot be reached right now; try again shortly', {
            extensions: { code: 'DATABASE_UNAVAILABLE', http: { status: 503 } },
          });
        }
      },
    }),
  );

  const forms = express.Router();
  forms.use(express.urlencoded({ extended: false, limit: '100kb' }));
  userRoutes(forms, services);
  authRoutes(forms, services);
  expenseRoutes(forms, services);
  budgetRoutes(forms, services);
  app.use(forms);

  app.use(
    staticClient(config.clientDir, (template, req, res) =>
      renderClientPage(template, req, res, services),
    ),
  );
  app.use((_req, res) => {
    res.status(404).type('text/plain').send('Not found');
  });

  app.use((error: unknown, req: Request, res: Response, next: NextFunction) => {
    void next;
    const status = (error as { status?: number }).status;
    if (status && status >= 400 && status < 500) {
      // Malformed JSON, a body over the limit: the caller's mistake, said plainly.
      res.status(status).json({ error: (error as Error).message });
      return;
    }
    if (isDatabaseUnavailable(error)) {
      res
        .status(503)
        .type('text/plain')
        .send('The database cannot be reached right now; try again shortly');
      return;
    }
    log('error', 'Request failed', { error, method: req.method, path: req.path });
    res.status(500).type('text/plain').send('Something went wrong on our side; it has been logged');
  });
  return { app, apollo, services };
}
