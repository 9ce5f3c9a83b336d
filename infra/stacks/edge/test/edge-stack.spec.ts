import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'cdktf';
import { EnvironmentConfig, loadEnvironment, readPreviewEnvironment } from '@platform/infra-config';
import { NetworkStack } from '@platform/stack-network';
import { EdgeStack, EdgeStackProps } from '../src';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

function synthEdge(config: EnvironmentConfig, props: Partial<EdgeStackProps> = {}): Json {
  const outdir = mkdtempSync(join(tmpdir(), 'stack-edge-'));
  try {
    const app = new App({ outdir });
    const network = new NetworkStack(app, { config });
    const edge = new EdgeStack(app, { config, network: network.network, ...props });
    app.synth();
    return JSON.parse(readFileSync(join(outdir, 'stacks', edge.node.id, 'cdk.tf.json'), 'utf8'));
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

const values = (json: Json, type: string): Json[] => Object.values(json.resource[type] ?? {});

describe('EdgeStack', () => {
  const dev = synthEdge(loadEnvironment('dev', {}));

  it('runs one cluster with Container Insights and the Fargate capacity providers', () => {
    expect(values(dev, 'aws_ecs_cluster')).toEqual([expect.objectContaining({ name: 'dev-cluster', setting: [{ name: 'containerInsights', value: 'enabled' }] })]);
    expect(values(dev, 'aws_ecs_cluster_capacity_providers')[0].capacity_providers).toEqual(['FARGATE', 'FARGATE_SPOT']);
  });

  it('has the one shared ALB of the environment, the Service Connect namespace, the alarm topic and the logs key', () => {
    expect(values(dev, 'aws_lb')).toHaveLength(1);
    expect(values(dev, 'aws_service_discovery_http_namespace')[0].name).toBe('dev.internal');
    expect(values(dev, 'aws_sns_topic')[0].name).toBe('dev-alarms');
    expect(values(dev, 'aws_kms_alias').map((a) => a.name)).toContain('alias/dev-service-logs');
    expect(dev.output['base-url'].value).toMatch(/^http:\/\/\$\{aws_lb\./);
    expect(dev.terraform.backend.s3.key).toBe('dev/edge.tfstate');
  });

  it('serves HTTPS with a redirect where a certificate is configured', () => {
    const cert = `arn:aws:acm:eu-west-1:${'0'.repeat(12)}:certificate/abc`;
    const prod = synthEdge(loadEnvironment('prod', { PROD_DOMAIN_NAME: 'scans.example.com', PROD_CERTIFICATE_ARN: cert }));
    expect(values(prod, 'aws_lb_listener').map((l) => l.protocol).sort()).toEqual(['HTTP', 'HTTPS']);
    expect(values(prod, 'aws_lb')[0].enable_deletion_protection).toBe(true);
    expect(prod.output['base-url'].value).toBe('https://scans.example.com');
  });

  it('has no ALB when the catalog has no web service', () => {
    const json = synthEdge(loadEnvironment('dev', {}), { loadBalancer: false });
    expect(values(json, 'aws_lb')).toEqual([]);
    expect(json.output?.['base-url']).toBeUndefined();
  });

  it("gives a preview its own queues, named after it, and no deletion protection", () => {
    const preview = synthEdge(loadEnvironment('dev', {}), { preview: readPreviewEnvironment({ PREVIEW_ENVIRONMENT: 'pr-9' }) });
    expect(values(preview, 'aws_sqs_queue').map((q) => q.name).sort()).toEqual(['pr-9-scan-requests', 'pr-9-scan-requests-dlq']);
    expect(values(preview, 'aws_lb')[0].enable_deletion_protection).toBe(false);
    expect(preview.terraform.backend.s3.key).toBe('pr-9/edge.tfstate');
    expect(values(dev, 'aws_sqs_queue')).toEqual([]);
  });
});
