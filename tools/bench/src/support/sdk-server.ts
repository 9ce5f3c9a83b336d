/**
 * The stack's own limit for a GET that reads DynamoDB: Fastify with no plugins and no logging,
 * one route doing what GET /v1/scans/:id does on a queued scan (ScanRepository.get through the AWS
 * SDK, against the same emulator, with the API's client settings) and answering the item as JSON.
 * PORT and the API's AWS environment from the environment; listens on 127.0.0.1 only.
 */
import Fastify from 'fastify';
import { ScanRepository, createAwsClients, loadApiConfig } from '@platform/shared';

const config = loadApiConfig(process.env);
const clients = createAwsClients(config.aws, { maxAttempts: 2 });
const scans = new ScanRepository(clients.dynamo, config.aws.tablePrefix);
const app = Fastify({ logger: false });
app.get<{ Params: { id: string } }>('/v1/scans/:id', async (request, reply) => {
  const scan = await scans.get('bench', request.params.id);
  if (!scan) return reply.code(404).send({ status: 404 });
  return scan;
});
app.get('/healthz', async () => ({ status: 'ok' }));
app.listen({ host: '127.0.0.1', port: Number(process.env.PORT ?? 0) }).catch((error: Error) => {
  process.stderr.write(`sdk server: ${error.message}\n`);
  process.exit(1);
});
process.on('SIGTERM', () => void app.close().then(() => { clients.destroy(); process.exit(0); }));
