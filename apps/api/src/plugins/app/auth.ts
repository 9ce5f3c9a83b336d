import fp from 'fastify-plugin';
import { hashApiKey, problems } from '@platform/shared';
import type { FastifyRequest } from 'fastify';
import { BoundedTtlCache } from '../../services/bounded-ttl-cache';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by `authenticate`; every data access is scoped to it. */
    tenantId: string;
    apiKeyHash: string;
  }
  interface FastifyInstance {
    authenticate(request: FastifyRequest): Promise<void>;
  }
}

const BEARER = /^Bearer ([A-Za-z0-9_-]{10,200})$/;
const CACHE_TTL_MS = 60_000;
const CACHE_MAX_ENTRIES = 10_000;

/**
 * Bearer API keys, looked up by sha256 hash. Lookups are cached briefly (a revoked key stops
 * working within CACHE_TTL_MS) so the hot read path costs one DynamoDB call, not two.
 */
export default fp(
  async (app) => {
    // Key hash -> tenant id.
    const cache = new BoundedTtlCache<string>(CACHE_TTL_MS, CACHE_MAX_ENTRIES);

    app.decorateRequest('tenantId', '');
    app.decorateRequest('apiKeyHash', '');
    app.decorate('authenticate', async (request: FastifyRequest) => {
      const match = BEARER.exec(request.headers.authorization ?? '');
      if (!match) throw problems.unauthorized('Send an API key as "Authorization: Bearer <key>".');
      const keyHash = hashApiKey(match[1]);
      let tenantId = cache.get(keyHash);
      if (!tenantId) {
        const record = await app.services.apiKeys.findByHash(keyHash);
        if (!record) throw problems.unauthorized('The API key is not valid.');
        tenantId = record.tenantId;
        cache.set(keyHash, tenantId);
      }
      request.tenantId = tenantId;
      request.apiKeyHash = keyHash;
    });
  },
  { name: 'auth', dependencies: ['services'] },
);
