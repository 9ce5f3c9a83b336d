import { parseLenientJson } from '../src/documents/lenient-json';
import { readContainerDefinitions } from '../src/documents/container-definitions';
import { detectEnvironment } from '../src/terraform/environment';
import { referencedNames } from '../src/terraform/references';
import { stackNamed } from './helpers/stack-builder';

describe('parseLenientJson', () => {
  it('parses JSON with expressions inside strings and bare ones outside', () => {
    expect(parseLenientJson('{"a":"${aws_sqs_queue.q.arn}","n":${var.count},"o":${jsonencode({x = "}"})}}')).toEqual({
      ok: true,
      value: { a: '${aws_sqs_queue.q.arn}', n: '${var.count}', o: '${jsonencode({x = "}"})}' },
    });
  });

  it('explains why text is not JSON', () => {
    expect(parseLenientJson('${data.x.json}')).toEqual({ ok: false, reason: 'it is a Terraform expression (${data.x.json}), not JSON' });
    expect(parseLenientJson('{"a": ')).toEqual({ ok: false, reason: 'it is not valid JSON' });
  });
});

describe('readContainerDefinitions', () => {
  it('reads names, images and environment, and rejects non-arrays', () => {
    const result = readContainerDefinitions('[{"name":"api","image":"x:1","environment":[{"name":"A","value":"b"}]}]');
    expect(result).toMatchObject({ parsed: true, containers: [{ name: 'api', image: 'x:1', environment: [{ name: 'A', value: 'b' }] }] });
    expect(readContainerDefinitions('{"name":"api"}')).toEqual({ parsed: false, reason: 'it is not a JSON array of containers' });
  });
});

describe('referencedNames', () => {
  it('finds whole and embedded references by attribute', () => {
    expect(referencedNames('${aws_s3_bucket.logs.id}', 'aws_s3_bucket', ['id', 'bucket'])).toEqual(['logs']);
    expect(referencedNames('${aws_s3_bucket.logs.arn}/*', 'aws_s3_bucket', ['arn'])).toEqual(['logs']);
    expect(referencedNames('${aws_s3_bucket.logs.arn}', 'aws_s3_bucket', ['id'])).toEqual([]);
    expect(referencedNames('${aws_s3_bucket_policy.logs.id}', 'aws_s3_bucket', ['id'])).toEqual([]);
  });
});

describe('detectEnvironment', () => {
  it('prefers the env default tag, then the backend key, then a stack name token', () => {
    const tagged = stackNamed('prod-data').defaultTags({ env: 'dev' }).s3Backend({ key: 'staging/data.tfstate' }).json();
    expect(detectEnvironment(tagged, 'prod-data')).toEqual({ kind: 'dev', source: 'provider default tag env=dev' });
    const keyed = stackNamed('prod-data').s3Backend({ key: 'staging/data.tfstate' }).json();
    expect(detectEnvironment(keyed, 'prod-data').kind).toBe('staging');
    expect(detectEnvironment(stackNamed('data-production').json(), 'data-production').kind).toBe('prod');
    expect(detectEnvironment(stackNamed('data').json(), 'data').kind).toBe('unknown');
    expect(detectEnvironment(stackNamed('devices').json(), 'devices').kind).toBe('unknown');
  });
});
