import { toCdktn } from '../src/rewrite-imports';

describe('toCdktn', () => {
  it('swaps cdktf and @cdktf/provider-aws module specifiers in every import form', () => {
    const source = [
      "import { App, TerraformStack } from 'cdktf';",
      'import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";',
      "import * as bucket from '@cdktf/provider-aws/lib/s3-bucket';",
      "export { Testing } from 'cdktf';",
      "import 'cdktf';",
      "const lazy = await import('@cdktf/provider-aws/lib/provider');",
      "const { Fn } = require('cdktf');",
    ].join('\n');
    expect(toCdktn(source).split('\n')).toEqual([
      "import { App, TerraformStack } from 'cdktn';",
      'import { S3Bucket } from "@cdktn/provider-aws/lib/s3-bucket";',
      "import * as bucket from '@cdktn/provider-aws/lib/s3-bucket';",
      "export { Testing } from 'cdktn';",
      "import 'cdktn';",
      "const lazy = await import('@cdktn/provider-aws/lib/provider');",
      "const { Fn } = require('cdktn');",
    ]);
  });

  it('leaves other strings and look-alike packages alone', () => {
    const source = [
      "const dir = 'cdktf.out';",
      "expect(meta.tool).toBe('cdktf');",
      "import { X } from 'cdktf-cli';",
      "import { Y } from '@cdktf/provider-random/lib/id';",
      "import { Construct } from 'constructs';",
    ].join('\n');
    expect(toCdktn(source)).toBe(source);
  });
});
