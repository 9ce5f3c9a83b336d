/**
 * Rules that read embedded documents (IAM policies, container definitions) skip the ones they
 * cannot parse; this rule makes sure such a document fails loudly instead of passing unseen.
 */
import { readContainerDefinitions } from '../../documents/container-definitions';
import { finding, type Finding, type Rule } from '../../rule';
import { identityPolicies, trustPolicies } from '../iam/identity-policies';

export const readableDocuments: Rule = {
  id: 'PLAT_UNREADABLE_DOCUMENT',
  title: 'IAM policies and container definitions can be analyzed',
  severity: 'high',
  category: 'least-privilege',
  references: {},
  remediation:
    'Write the document as a JSON string (references inside string values are fine) or as a data.aws_iam_policy_document, not as an opaque Terraform expression.',
  check: (stack) => {
    const policies: Finding[] = [...identityPolicies(stack), ...trustPolicies(stack)].flatMap(
      ({ declaredBy, attribute, document }) =>
        document.parsed ? [] : [finding(declaredBy, `${attribute} cannot be analyzed: ${document.reason}`)],
    );
    const containers: Finding[] = stack.ofType('aws_ecs_task_definition').flatMap((task) => {
      const definitions = readContainerDefinitions(task.config['container_definitions']);
      return definitions.parsed ? [] : [finding(task, `container_definitions cannot be analyzed: ${definitions.reason}`)];
    });
    return [...policies, ...containers];
  },
};
