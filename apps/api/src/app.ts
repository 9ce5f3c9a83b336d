import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import pino from 'pino';
import { randomUUID } from 'node:crypto';
import type { ApiConfig, AwsClients } from '@platform/shared';
import helmet from './plugins/external/helmet';
import underPressure from './plugins/external/under-pressure';
import swagger from './plugins/external/swagger';
import services from './plugins/app/services';
import auth from './plugins/app/auth';
import rateLimit from './plugins/app/rate-limit';
import contentParsers from './plugins/app/content-parsers';
import problemHandler from './plugins/app/problem-handler';
import gracefulClose from './plugins/app/graceful-close';
import { clientErrorHandler, frameworkErrors } from './plugins/app/framework-errors';
import { installValidators } from './plugins/app/validation';
import uriTooLong from './plugins/app/uri-too-long';
import { answerOtherMethods, trackRouteMethods } from './plugins/app/method-not-allowed';
import { OneLinePerRequestLog, apiLoggerOptions } from './request-log';
import healthRoutes from './routes/health';
import scanRoutes from './routes/scans';

export interface BuildAppOptions {
  config: ApiConfig;
  clients?: AwsClients;
  logger?: FastifyServerOptions['logger'];
}

const REQUEST_ID = /^[A-Za-z0-9._-]{1,128}$/;

/** Builds the API: external plugins, then our plugins, then routes (fastify/demo layering). */
export async function buildApp({ config, clients, logger }: BuildAppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    // Asynchronous stdout: under load, lines written while one write is in flight go out together
    // (one syscall, not one per line); pino flushes what is pending when the process exits.
    logger: logger ?? { ...apiLoggerOptions(config.logLevel), stream: pino.destination({ dest: 1, sync: false }) },
    logController: new OneLinePerRequestLog(),
    // Trust a well-formed upstream request id (ALB/clients), else make one.
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
    bodyLimit: config.limits.maxDocumentBytes,
    trustProxy: true,
    frameworkErrors,
    clientErrorHandler,
    // graceful-close answers requests that arrive while draining, as problem+json.
    return503OnClosing: false,
  });
  installValidators(app);
  // Callback-style hooks on the hot path: no promise per request and hook.
  app.addHook('onSend', (request, reply, payload, done) => {
    reply.header('x-request-id', request.id);
    done(null, payload);
  });

  const methodsByUrl = trackRouteMethods(app);
  await app.register(problemHandler);
  await app.register(uriTooLong);
  await app.register(gracefulClose);
  await app.register(helmet);
  await app.register(underPressure, { maxEventLoopDelayMs: config.loadShedEventLoopDelayMs });
  await app.register(swagger);
  await app.register(services, { config, clients });
  await app.register(rateLimit, { perMinute: config.rateLimitPerMinute });
  await app.register(auth);
  await app.register(contentParsers, { maxDocumentBytes: config.limits.maxDocumentBytes });
  await app.register(healthRoutes);
  await app.register(scanRoutes);
  answerOtherMethods(app, methodsByUrl);
  return app;
}
