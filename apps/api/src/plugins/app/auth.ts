import fp from 'fastify-plugin';
import { ProblemError, hashApiKey, problems } from '@platform/shared';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { BoundedTtlCache } from '../../services/bounded-ttl-cache';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by `authenticate`; every data access is scoped to it. */
    tenantId: string;
    apiKeyHash: string;
  }
  interface FastifyInstance {
    authenticate(request: FastifyRequest, reply: FastifyReply): Promise<void>;
  }
}

/** RFC 9110 §11.1: the auth scheme is case-insensitive; one or more spaces before the token68. */
const BEARER = /^bearer +([A-Za-z0-9_-]{10,200})$/i;
const CACHE_TTL_MS = 60_000;
const CACHE_MAX_ENTRIES = 10_000;
const REALM = 'docscan';

/** RFC 6750 §3: the challenge of every 401; `error` only when a token was sent and refused. */
function challenge(reply: FastifyReply, error?: { code: 'invalid_request' | 'invalid_token'; description: string }): void {
  reply.header('www-authenticate', error ? `Bearer realm="${REALM}", error="${error.code}", error_description="${error.description}"` : `Bearer realm="${REALM}"`);
}

/**
 * Bearer API keys, looked up by sha256 hash. Lookups are cached briefly (a revoked key stops
 * working within CACHE_TTL_MS) so the hot read path costs one DynamoDB call, not two. A key not
 * in the cache costs a DynamoDB read, so those lookups are limited per client address
 * (`authLookupsPerMinute`): random keys get a 429, not a read each.
 */
export default fp(
  async (app) => {
    // Presented key -> its hash and tenant. Keyed by the key itself so a cache hit costs a Map
    // lookup, not a sha256 (the key is in this process's memory with every request anyway).
    const cache = new BoundedTtlCache<{ keyHash: string; tenantId: string }>(CACHE_TTL_MS, CACHE_MAX_ENTRIES);
    const lookupLimit = app.createRateLimit({
      max: app.services.config.authLookupsPerMinute,
      timeWindow: 60_000,
      keyGenerator: (request) => request.ip,
    });

    app.decorateRequest('tenantId', '');
    app.decorateRequest('apiKeyHash', '');
    app.decorate('authenticate', async (request: FastifyRequest, reply: FastifyReply) => {
      const header = request.headers.authorization;
      const match = header === undefined ? null : BEARER.exec(header);
      if (!match) {
        if (header === undefined) challenge(reply);
        else challenge(reply, { code: 'invalid_request', description: 'malformed Authorization header' });
        throw problems.unauthorized('Send an API key as "Authorization: Bearer <key>".');
      }
      const key = match[1];
      let known = cache.get(key);
      if (known === undefined) {
        const verdict = await lookupLimit(request);
        if (!verdict.isAllowed && verdict.isExceeded) {
          reply
            .header('retry-after', String(verdict.ttlInSeconds))
            .header('x-ratelimit-limit', String(verdict.max))
            .header('x-ratelimit-remaining', '0')
            .header('x-ratelimit-reset', String(verdict.ttlInSeconds));
          throw new ProblemError(
            'rate-limited',
            'Too many requests',
            `More than ${verdict.max} unknown or uncached API keys per minute from this address; retry after ${verdict.ttlInSeconds} s.`,
          );
        }
        const keyHash = hashApiKey(key);
        const record = await app.services.apiKeys.findByHash(keyHash);
        if (!record) {
          challenge(reply, { code: 'invalid_token', description: 'the API key is not valid' });
          throw problems.unauthorized('The API key is not valid.');
        }
        known = { keyHash, tenantId: record.tenantId };
        cache.set(key, known);
      }
      request.tenantId = known.tenantId;
      request.apiKeyHash = known.keyHash;
    });
  },
  { name: 'auth', dependencies: ['services', 'rate-limit'] },
);
