import type { FastifyPluginAsync } from 'fastify';
import createScan from './create-scan';
import listScans from './list-scans';
import getScan from './get-scan';
import listFindings from './list-findings';
import getReport from './get-report';
import scanEvents from './scan-events';
import cancelScan from './cancel-scan';

/** /v1/scans: every route authenticated, rate limited per API key. */
const scanRoutes: FastifyPluginAsync = async (app) => {
  app.addHook('onRequest', app.authenticate);
  app.addHook('preHandler', app.rateLimit());
  await app.register(createScan);
  await app.register(listScans);
  await app.register(getScan);
  await app.register(listFindings);
  await app.register(getReport);
  await app.register(scanEvents);
  await app.register(cancelScan);
};

export default scanRoutes;
