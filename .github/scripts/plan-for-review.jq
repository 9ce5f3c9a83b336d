# Keeps only what plan-summary reads from `terraform show -json`, so the artifact and the PR
# comment never carry attribute values (they may be secrets: show -json prints them in clear).
# Kept: addresses, types, actions, action reasons, replace paths, deletion-protection flags,
# drift actions and output-change actions.
def compact: with_entries(select(.value != null));
def protection:
  if type == "object"
  then {deletion_protection, deletion_protection_enabled, enable_deletion_protection} | compact
  else null end;
def resource:
  {address, module_address, mode, type, name, index, action_reason, replace_paths,
   change: ({actions: .change.actions, replace_paths: .change.replace_paths, before: (.change.before | protection)} | compact)}
  | compact;
{
  format_version,
  terraform_version,
  planned_values: {},
  resource_changes: [.resource_changes[]? | resource],
  resource_drift: [.resource_drift[]? | resource],
  output_changes: ((.output_changes // {}) | map_values({actions, before_sensitive, after_sensitive} | compact))
} | compact
