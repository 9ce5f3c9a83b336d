export { checkStacks, type PolicyReport, type Violation, type ExemptedFinding } from './check-stacks';
export { CliError } from './cli-error';
export { policyCheck, runCli } from './cli';
export { loadStackFile, loadStacks } from './load-stacks';
export { ALL_RULES, ruleById } from './rules';
export type { Rule, Finding, Severity, Category } from './rule';
export { Stack } from './terraform/stack';
