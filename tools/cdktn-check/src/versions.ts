/**
 * The CDK Terrain release the switch is proven against. `@cdktn/provider-aws` 25.7.0 is built for
 * cdktn ^0.24.0 and hashicorp/aws 6.66.0; both need constructs >= 10.6.0 < 10.8.0 (the workspace's
 * cdktf 0.21 uses 10.8.x).
 */
export const CDKTN_PACKAGES: Readonly<Record<string, string>> = {
  cdktn: '0.24.0',
  '@cdktn/provider-aws': '25.7.0',
  constructs: '10.7.2',
};
