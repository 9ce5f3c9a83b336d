import { ConfigError, DEFAULT_MAX_RECEIVE_COUNT, SCAN_QUEUE, loadApiConfig, loadWorkerConfig } from '../src';

const valid = { SCAN_QUEUE_URL: 'http://127.0.0.1:9324/queue/q', CURSOR_SECRET: 'a-test-secret-of-32-characters!!' };

describe('config', () => {
  it('applies documented defaults', () => {
    const config = loadApiConfig(valid);
    expect(config.port).toBe(3000);
    expect(config.limits.maxDocumentBytes).toBe(1024 * 1024);
    expect(config.aws.region).toBe('us-east-1');
    expect(config.aws.tablePrefix).toBe('docscan-local');
  });

  it('names every missing or malformed variable at once', () => {
    try {
      loadApiConfig({ PORT: 'eighty', MAX_DOCUMENT_BYTES: '-1', AWS_ENDPOINT_URL: 'not a url' });
      throw new Error('expected a ConfigError');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const message = (error as Error).message;
      for (const name of ['PORT', 'MAX_DOCUMENT_BYTES', 'AWS_ENDPOINT_URL', 'SCAN_QUEUE_URL', 'CURSOR_SECRET']) {
        expect(message).toContain(name);
      }
    }
  });

  it('never echoes the cursor secret', () => {
    expect(() => loadApiConfig({ ...valid, CURSOR_SECRET: 'short-s3cr3t' })).toThrow(/CURSOR_SECRET/);
    expect(() => loadApiConfig({ ...valid, CURSOR_SECRET: 'short-s3cr3t' })).not.toThrow(/short-s3cr3t/);
  });

  it('caches terminal scans for 30 s by default; 0 turns the cache off; bad values are named', () => {
    expect(loadApiConfig(valid)).toMatchObject({ scanCacheTtlSeconds: 30, scanCacheMaxEntries: 10_000 });
    expect(loadApiConfig({ ...valid, SCAN_CACHE_TTL_SECONDS: '0', SCAN_CACHE_MAX_ENTRIES: '500' })).toMatchObject({ scanCacheTtlSeconds: 0, scanCacheMaxEntries: 500 });
    expect(() => loadApiConfig({ ...valid, SCAN_CACHE_TTL_SECONDS: '-1' })).toThrow(/SCAN_CACHE_TTL_SECONDS/);
    expect(() => loadApiConfig({ ...valid, SCAN_CACHE_MAX_ENTRIES: '0' })).toThrow(/SCAN_CACHE_MAX_ENTRIES/);
  });

  it('validates worker ranges against SQS limits', () => {
    expect(loadWorkerConfig(valid).waitTimeSeconds).toBe(20);
    expect(() => loadWorkerConfig({ ...valid, WAIT_TIME_SECONDS: '21' })).toThrow(/WAIT_TIME_SECONDS must be an integer from 0 to 20/);
    expect(() => loadWorkerConfig({ ...valid, AWS_REGION: 'mars' })).toThrow(/AWS_REGION/);
  });

  it('reads the worker heartbeat file the ECS container check looks at, unset by default', () => {
    expect(loadWorkerConfig(valid).heartbeatFile).toBeUndefined();
    expect(loadWorkerConfig({ ...valid, HEARTBEAT_FILE: ' /tmp/worker-heartbeat ' }).heartbeatFile).toBe('/tmp/worker-heartbeat');
  });

  it('defaults the worker retry budget to the scan queue redrive policy, overridable', () => {
    expect(DEFAULT_MAX_RECEIVE_COUNT).toBe(SCAN_QUEUE.deadLetter.maxReceiveCount);
    expect(loadWorkerConfig(valid).maxReceiveCount).toBe(SCAN_QUEUE.deadLetter.maxReceiveCount);
    expect(loadWorkerConfig({ ...valid, MAX_RECEIVE_COUNT: '3' }).maxReceiveCount).toBe(3);
  });

  it('reads the ECS agent endpoint and the protection period; no endpoint off ECS', () => {
    const local = loadWorkerConfig(valid);
    expect(local.ecsAgentUri).toBeUndefined();
    expect(local.taskProtectionMinutes).toBe(15);
    const agentUri = 'http://169.254.170.2/api/0123456789abcdef0123456789abcdef-1234567890';
    const onEcs = loadWorkerConfig({ ...valid, ECS_AGENT_URI: agentUri, TASK_PROTECTION_MINUTES: '0' });
    expect(onEcs).toMatchObject({ ecsAgentUri: agentUri, taskProtectionMinutes: 0 });
    expect(() => loadWorkerConfig({ ...valid, TASK_PROTECTION_MINUTES: '2881' })).toThrow(/TASK_PROTECTION_MINUTES must be an integer from 0 to 2880/);
    expect(() => loadWorkerConfig({ ...valid, ECS_AGENT_URI: 'not a url' })).toThrow(/ECS_AGENT_URI must be an http\(s\) URL/);
  });
});
