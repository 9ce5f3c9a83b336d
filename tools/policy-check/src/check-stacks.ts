/**
 * Runs rules over stacks and sorts findings into violations and exemptions. A finding is exempted
 * only by a `policyExemptions` entry with a written reason, on the block itself (`//.policyExemptions`)
 * or, for stack-level findings, at the top of the stack (`//.policyExemptions` of the document).
 * Exempted findings are still reported; exemptions that match nothing are reported as warnings.
 */
import type { Category, Finding, Rule, RuleReferences, Severity } from './rule';
import { ALL_RULES } from './rules';
import type { Stack } from './terraform/stack';
import { isJsonObject } from './terraform/terraform-json';

export interface Violation {
  readonly ruleId: string;
  readonly title: string;
  readonly severity: Severity;
  readonly category: Category;
  readonly stack: string;
  readonly environment: string;
  readonly file: string;
  readonly address: string;
  readonly constructPath?: string;
  readonly message: string;
  readonly remediation: string;
  readonly references: RuleReferences;
}

export interface ExemptedFinding extends Violation {
  readonly reason: string;
}

export interface PolicyReport {
  readonly stacks: readonly string[];
  readonly rules: number;
  readonly violations: readonly Violation[];
  readonly exempted: readonly ExemptedFinding[];
  readonly warnings: readonly string[];
}

interface ExemptionSite {
  readonly where: string;
  readonly entries: Readonly<Record<string, unknown>>;
}

function stackExemptions(stack: Stack): Readonly<Record<string, unknown>> {
  const comment: unknown = stack.doc['//'];
  const entries = isJsonObject(comment) ? comment['policyExemptions'] : undefined;
  return isJsonObject(entries) ? entries : {};
}

function siteOf(stack: Stack, item: Finding): ExemptionSite {
  return item.resource
    ? { where: item.resource.address, entries: item.resource.exemptions }
    : { where: '(stack)', entries: stackExemptions(stack) };
}

function toViolation(rule: Rule, stack: Stack, item: Finding): Violation {
  return {
    ruleId: rule.id,
    title: rule.title,
    severity: rule.severity,
    category: rule.category,
    stack: stack.name,
    environment: stack.environment.kind,
    file: stack.file,
    address: item.resource?.address ?? item.address ?? '(stack)',
    ...(item.resource?.constructPath ? { constructPath: item.resource.constructPath } : {}),
    message: item.message,
    remediation: rule.remediation,
    references: rule.references,
  };
}

function allSites(stack: Stack): ExemptionSite[] {
  return [
    { where: '(stack)', entries: stackExemptions(stack) },
    ...[...stack.resources, ...stack.dataSources].map((block) => ({ where: block.address, entries: block.exemptions })),
  ];
}

export function checkStacks(stacks: readonly Stack[], rules: readonly Rule[] = ALL_RULES): PolicyReport {
  const violations: Violation[] = [];
  const exempted: ExemptedFinding[] = [];
  const warnings: string[] = [];
  const ruleIds = new Set(rules.map((rule) => rule.id));

  for (const stack of stacks) {
    const used = new Set<string>();
    for (const rule of rules) {
      for (const item of rule.check(stack, stacks)) {
        const site = siteOf(stack, item);
        const violation = toViolation(rule, stack, item);
        if (!(rule.id in site.entries)) {
          violations.push(violation);
          continue;
        }
        used.add(`${site.where} ${rule.id}`);
        const reason = site.entries[rule.id];
        if (typeof reason === 'string' && reason.trim() !== '') {
          exempted.push({ ...violation, reason: reason.trim() });
        } else {
          violations.push({ ...violation, message: `${violation.message} (exemption ignored: it gives no reason)` });
        }
      }
    }
    for (const site of allSites(stack)) {
      for (const id of Object.keys(site.entries)) {
        if (!ruleIds.has(id)) warnings.push(`${stack.name} ${site.where}: policyExemptions names unknown rule ${id}`);
        else if (!used.has(`${site.where} ${id}`)) {
          warnings.push(`${stack.name} ${site.where}: exemption for ${id} matches no finding; remove it`);
        }
      }
    }
  }

  const order = (a: Violation, b: Violation) =>
    a.stack.localeCompare(b.stack) || a.ruleId.localeCompare(b.ruleId) || a.address.localeCompare(b.address);
  return {
    stacks: stacks.map((stack) => stack.name),
    rules: rules.length,
    violations: violations.sort(order),
    exempted: exempted.sort(order),
    warnings,
  };
}
