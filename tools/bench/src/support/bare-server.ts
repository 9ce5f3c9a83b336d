/**
 * The baseline of the API benchmark: Fastify with no plugins, no logging, answering a fixed JSON
 * body (the size of a scan view) on the same route shape. Run as its own process, like the API.
 * PORT from the environment; listens on 127.0.0.1 only.
 */
import Fastify from 'fastify';

const BODY = {
  id: '01JBENCH0000000000000000000',
  status: 'succeeded',
  framework: 'gdpr',
  detectors: [],
  sizeBytes: 182,
  contentSha256: 'a'.repeat(64),
  attempts: 1,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:01.000Z',
  links: { self: '/v1/scans/01JBENCH0000000000000000000', findings: '/v1/scans/01JBENCH0000000000000000000/findings' },
};

const app = Fastify({ logger: false });
app.get('/v1/scans/:id', async () => BODY);
app.get('/healthz', async () => ({ status: 'ok' }));
app.listen({ host: '127.0.0.1', port: Number(process.env.PORT ?? 0) }).catch((error: Error) => {
  process.stderr.write(`bare server: ${error.message}\n`);
  process.exit(1);
});
process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
