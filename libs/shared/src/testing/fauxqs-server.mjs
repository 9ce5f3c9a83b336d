// Runs the embedded SQS (fauxqs, ESM-only) in its own process on loopback.
// Usage: node fauxqs-server.mjs <port>
import { startFauxqs } from 'fauxqs';

const port = Number(process.argv[2]);
// No `host` option: with it fauxqs builds queue URLs like http://sqs.<region>.127.0.0.1:<port>/...,
// which WHATWG URL parsing rejects (a host ending in a number must be an IPv4 address), so config
// validation refused SCAN_QUEUE_URL. Without it fauxqs uses http://sqs.<region>.localhost:<port>/..., a valid URL
// (clients reach it through their endpoint override, not the URL's host).
const server = await startFauxqs({ port, logger: false, defaultRegion: process.env.AWS_REGION ?? 'us-east-1' });
console.log(`fauxqs listening on ${server.port ?? port}`);
const stop = () => Promise.resolve(server.stop?.()).finally(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
