import { describeActionReason } from './action-reason';
import { changeKind, replaceOrder, type ChangeKind } from './change-kind';
import type { PlanResourceChange, TerraformPlan } from './plan-types';
import { formatAttributePath, resourceAddress } from './resource-address';
import { statefulReason } from './stateful';

/** A deleted or replaced resource: always listed, whatever its type. */
export interface DestructiveChange {
  readonly address: string;
  readonly type: string;
  readonly action: 'delete' | 'replace';
  /** Terraform's `action_reason`, in words (why it is deleted or replaced). */
  readonly actionReason?: string;
  /** Attributes that force the replacement, e.g. `["hash_key"]`. */
  readonly replacePaths: readonly string[];
  /** For a replacement: `destroy then create` or `create before destroy`. */
  readonly order?: string;
}

/** A destructive change to a stateful resource: what the comment leads with. */
export interface DangerousChange {
  readonly address: string;
  readonly type: string;
  readonly action: 'delete' | 'replace';
  /** Why it is dangerous (stateful type or deletion protection) and why Terraform does it. */
  readonly reason: string;
  readonly replacePaths: readonly string[];
}

/** A change Terraform found outside of Terraform (refresh), reported but not counted. */
export interface DriftEntry {
  readonly address: string;
  readonly type: string;
  readonly action: ChangeKind;
}

/** Only names and actions: output values may be secrets and a PR comment is public to the repo. */
export interface OutputChange {
  readonly name: string;
  readonly action: ChangeKind;
  readonly sensitive: boolean;
}

export interface ChangeCounts {
  readonly create: number;
  readonly update: number;
  readonly delete: number;
  readonly replace: number;
  readonly read: number;
  readonly noop: number;
  readonly forget: number;
}

export interface StackSummary extends ChangeCounts {
  readonly file: string;
  readonly stack: string;
  readonly formatVersion: string;
  readonly terraformVersion?: string;
  readonly dangerous: readonly DangerousChange[];
  readonly destructive: readonly DestructiveChange[];
  /** Every created, updated, read or forgotten resource (not no-ops), for the collapsed details. */
  readonly changed: ReadonlyArray<{ readonly address: string; readonly kind: ChangeKind }>;
  readonly drift: readonly DriftEntry[];
  readonly outputs: readonly OutputChange[];
}

/** Thrown for an action list Terraform does not produce; the caller names the file. */
export class UnknownActionsError extends Error {}

export function summarizePlan(plan: TerraformPlan, file: string, stack: string): StackSummary {
  const counts: Record<ChangeKind, number> = { create: 0, update: 0, delete: 0, replace: 0, read: 0, noop: 0, forget: 0 };
  const dangerous: DangerousChange[] = [];
  const destructive: DestructiveChange[] = [];
  const changed: Array<{ address: string; kind: ChangeKind }> = [];

  for (const rc of plan.resource_changes ?? []) {
    const kind = kindOf(rc);
    counts[kind] += 1;
    const address = resourceAddress(rc);
    if (kind === 'delete' || kind === 'replace') {
      const change = destructiveChange(rc, address, kind);
      destructive.push(change);
      const danger = statefulReason(rc.type, rc.change.before);
      if (danger) dangerous.push(dangerousChange(change, danger));
    } else if (kind !== 'noop') {
      changed.push({ address, kind });
    }
  }

  return {
    file,
    stack,
    formatVersion: plan.format_version,
    ...(plan.terraform_version ? { terraformVersion: plan.terraform_version } : {}),
    ...counts,
    dangerous,
    destructive,
    changed,
    drift: (plan.resource_drift ?? []).map((rc) => ({ address: resourceAddress(rc), type: rc.type, action: kindOf(rc) })),
    outputs: Object.entries(plan.output_changes ?? {})
      .map(([name, oc]) => ({ name, action: changeKind(oc.actions), sensitive: oc.before_sensitive === true || oc.after_sensitive === true }))
      .filter((o): o is OutputChange => o.action !== null && o.action !== 'noop'),
  };
}

function kindOf(rc: PlanResourceChange): ChangeKind {
  const kind = changeKind(rc.change.actions);
  if (kind === null) {
    throw new UnknownActionsError(`${resourceAddress(rc)} has actions ${JSON.stringify(rc.change.actions)}, which Terraform does not produce`);
  }
  return kind;
}

function destructiveChange(rc: PlanResourceChange, address: string, kind: 'delete' | 'replace'): DestructiveChange {
  const paths = rc.change.replace_paths ?? rc.replace_paths ?? [];
  const actionReason = describeActionReason(rc.action_reason);
  return {
    address,
    type: rc.type,
    action: kind,
    ...(actionReason ? { actionReason } : {}),
    replacePaths: paths.map(formatAttributePath),
    ...(kind === 'replace' ? { order: replaceOrder(rc.change.actions) } : {}),
  };
}

function dangerousChange(change: DestructiveChange, danger: string): DangerousChange {
  const why = [danger];
  if (change.replacePaths.length > 0) why.push(`replacement forced by ${change.replacePaths.join(', ')}`);
  else if (change.actionReason) why.push(`${change.action === 'replace' ? 'replaced' : 'deleted'} because ${change.actionReason}`);
  return { address: change.address, type: change.type, action: change.action, reason: why.join('; '), replacePaths: change.replacePaths };
}
