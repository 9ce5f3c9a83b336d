/**
 * IAM policy documents as JSON strings. Tokens (ARNs of other resources) stay inside the
 * strings and cdktf resolves them at synth, so the synthesized `policy` attributes are plain
 * JSON documents a policy checker can parse.
 */
export interface PolicyStatement {
  readonly Sid?: string;
  readonly Effect: 'Allow' | 'Deny';
  readonly Action: string | readonly string[];
  readonly Resource?: string | readonly string[];
  readonly Principal?: '*' | Readonly<Record<string, string | readonly string[]>>;
  readonly Condition?: Readonly<Record<string, Readonly<Record<string, string | boolean | readonly string[]>>>>;
}

export function policyDocument(statements: readonly PolicyStatement[]): string {
  return JSON.stringify({ Version: '2012-10-17', Statement: statements });
}

/**
 * Trust policy letting an AWS service assume a role; `condition` (for example aws:SourceAccount
 * and aws:SourceArn, where the service documents them) keeps it from acting for other accounts.
 * @default condition - none
 */
export function serviceTrustPolicy(servicePrincipal: string, condition?: PolicyStatement['Condition']): string {
  return policyDocument([
    { Effect: 'Allow', Principal: { Service: servicePrincipal }, Action: 'sts:AssumeRole', ...(condition ? { Condition: condition } : {}) },
  ]);
}

/** Deny every request to the resource that does not arrive over TLS. */
export function denyInsecureTransport(sid: string, principalResources: readonly string[], action: string): PolicyStatement {
  return {
    Sid: sid,
    Effect: 'Deny',
    Principal: '*',
    Action: action,
    Resource: principalResources,
    Condition: { Bool: { 'aws:SecureTransport': 'false' } },
  };
}
