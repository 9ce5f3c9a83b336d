/** What a policy rule is, and what it reports. */
import type { Stack } from './terraform/stack';
import type { TerraformBlock } from './terraform/terraform-json';

export type Severity = 'critical' | 'high' | 'medium' | 'low';

export type Category =
  | 'encryption'
  | 'public-exposure'
  | 'least-privilege'
  | 'logging'
  | 'resilience'
  | 'registry'
  | 'transport'
  | 'containers'
  | 'state';

/** The checkov / trivy checks a rule corresponds to (ids from docs/policy.md's reference list). */
export interface RuleReferences {
  readonly checkov?: readonly string[];
  readonly trivy?: readonly string[];
}

/** One problem a rule found: on a block, or on the stack itself (`terraform.backend`). */
export interface Finding {
  readonly resource?: TerraformBlock;
  /** Used when there is no block (stack-level settings). */
  readonly address?: string;
  readonly message: string;
}

export interface Rule {
  /** A real checkov/trivy id when the rule matches one, else our own `PLAT_*` id. */
  readonly id: string;
  readonly title: string;
  readonly severity: Severity;
  readonly category: Category;
  readonly references: RuleReferences;
  /** What to do about a finding. */
  readonly remediation: string;
  /**
   * `stacks` is every stack of the run (the stack itself included), for rules that follow
   * cross-stack references (remote state outputs) to the stack that produces a value.
   */
  check(stack: Stack, stacks?: readonly Stack[]): Finding[];
}

export function finding(resource: TerraformBlock, message: string): Finding {
  return { resource, message };
}
