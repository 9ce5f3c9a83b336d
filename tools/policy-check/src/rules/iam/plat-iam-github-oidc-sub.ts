import type { PolicyStatement } from '../../documents/policy-document';
import { finding, type Rule } from '../../rule';
import type { Stack } from '../../terraform/stack';
import { trustPolicies } from './identity-policies';

const GITHUB_HOST = 'token.actions.githubusercontent.com';
const SUB_KEY = `${GITHUB_HOST}:sub`;
/** `repo:<owner>/<repo>` then anything: one repository, any of its refs or environments. */
const ONE_REPOSITORY = /^repo:[^/*?]+\/[^/*?:]+(:.*)?$/;

/**
 * GitHub trust: a Federated principal naming the GitHub token host, or a reference to an OIDC
 * provider (resource or data source) whose url is that host, or any condition on a GitHub claim.
 */
function trustsGitHub(stack: Stack, statement: PolicyStatement): boolean {
  const federated = statement.principals.filter((principal) => principal.type === 'Federated').flatMap((p) => p.identifiers);
  const viaPrincipal = federated.some((identifier) => {
    if (identifier.includes(GITHUB_HOST)) return true;
    const provider =
      stack.referenced(identifier, 'aws_iam_openid_connect_provider', ['arn', 'id']) ??
      stack.referencedData(identifier, 'aws_iam_openid_connect_provider', ['arn', 'id']);
    return provider !== undefined && String(provider.config['url']).includes(GITHUB_HOST);
  });
  return viaPrincipal || statement.conditions.some((c) => c.variable.toLowerCase().startsWith(`${GITHUB_HOST}:`));
}

function subjectProblem(statement: PolicyStatement): string | undefined {
  const subjects = statement.conditions.filter(
    (c) => c.variable.toLowerCase() === SUB_KEY && /^(ForAnyValue:|ForAllValues:)?String(Equals|Like)$/i.test(c.test),
  );
  if (subjects.length === 0) return `no StringEquals/StringLike condition on ${SUB_KEY}`;
  const loose = subjects
    .flatMap((c) => c.values)
    .filter((value) => !value.includes('${') && !ONE_REPOSITORY.test(value));
  return loose.length > 0 ? `${SUB_KEY} allows ${loose.join(', ')} (not one repository)` : undefined;
}

export const githubOidcSubject: Rule = {
  id: 'PLAT_IAM_GITHUB_OIDC_SUB',
  title: 'GitHub Actions OIDC trust is scoped by token.actions.githubusercontent.com:sub',
  severity: 'critical',
  category: 'least-privilege',
  references: {},
  remediation:
    'Add Condition StringEquals/StringLike "token.actions.githubusercontent.com:sub" = "repo:<owner>/<repo>:ref:refs/heads/main" (or :environment:<env> / :pull_request for the plan role).',
  check: (stack) =>
    trustPolicies(stack).flatMap(({ declaredBy, document }) =>
      document.parsed
        ? document.statements
            .filter((statement) => statement.effect === 'Allow' && trustsGitHub(stack, statement))
            .flatMap((statement) => {
              const problem = subjectProblem(statement);
              return problem ? [finding(declaredBy, `GitHub OIDC trust has ${problem}`)] : [];
            })
        : [],
    ),
};
