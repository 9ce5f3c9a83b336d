/**
 * The parts of `terraform show -json <planfile>` that the summary reads.
 * Reference: https://developer.hashicorp.com/terraform/internals/json-format
 * Everything else in the document is ignored, so newer format versions keep working.
 */

/** `change.actions` values. `forget` comes from `removed` blocks (Terraform >= 1.7). */
export type PlanAction = 'no-op' | 'create' | 'read' | 'update' | 'delete' | 'forget';

/** A path into a resource's attributes, e.g. `["ingress", 0, "cidr_blocks"]`. */
export type AttributePath = ReadonlyArray<string | number>;

export interface PlanChange {
  readonly actions: readonly PlanAction[];
  readonly before?: unknown;
  readonly after?: unknown;
  /** Attributes whose change forces the replacement. */
  readonly replace_paths?: readonly AttributePath[];
}

export interface PlanResourceChange {
  /** Absent in the `resource_drift` of Terraform 1.0: rebuilt from the other fields then. */
  readonly address?: string;
  readonly module_address?: string;
  readonly mode?: 'managed' | 'data';
  readonly type: string;
  readonly name: string;
  readonly index?: string | number;
  readonly change: PlanChange;
  /** e.g. `replace_because_cannot_update`, `delete_because_no_resource_config`. */
  readonly action_reason?: string;
  /** Some producers put it here instead of inside `change`; both are read. */
  readonly replace_paths?: readonly AttributePath[];
}

export interface PlanOutputChange {
  readonly actions: readonly PlanAction[];
  readonly before_sensitive?: unknown;
  readonly after_sensitive?: unknown;
}

export interface TerraformPlan {
  readonly format_version: string;
  readonly terraform_version?: string;
  readonly planned_values?: unknown;
  readonly resource_changes?: readonly PlanResourceChange[];
  readonly resource_drift?: readonly PlanResourceChange[];
  readonly output_changes?: Readonly<Record<string, PlanOutputChange>>;
}
