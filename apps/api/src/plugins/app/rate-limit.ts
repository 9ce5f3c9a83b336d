import fp from 'fastify-plugin';
import rateLimit from '@fastify/rate-limit';
import { ProblemError } from '@platform/shared';

/**
 * @fastify/rate-limit, applied where a route scope asks for it (`app.addHook('preHandler',
 * app.rateLimit())`): requests per minute per API key, or per client address before a key is
 * known. It sets `x-ratelimit-limit`, `-remaining`, `-reset` on every answer and `retry-after`
 * (seconds until the window resets) on a 429, which the problem handler keeps.
 * `app.createRateLimit()` gives other limits on their own counters (the auth plugin's lookups).
 */
export default fp<{ perMinute: number }>(
  async (app, { perMinute }) => {
    await app.register(rateLimit, {
      global: false,
      max: perMinute,
      timeWindow: 60_000,
      keyGenerator: (request) => (request.apiKeyHash ? `key:${request.apiKeyHash}` : `ip:${request.ip}`),
      errorResponseBuilder: (_request, context) =>
        new ProblemError('rate-limited', 'Too many requests', `Rate limit of ${context.max} requests per ${context.after} exceeded for this API key.`),
    });
  },
  { name: 'rate-limit' },
);
