/**
 * Plain words for Terraform's `action_reason` values
 * (https://developer.hashicorp.com/terraform/internals/json-format, "Change Representation").
 * Unknown future values are shown as they are.
 */
const REASONS: Readonly<Record<string, string>> = {
  replace_because_tainted: 'the object is tainted',
  replace_because_cannot_update: 'an attribute cannot be updated in place',
  replace_by_request: 'replacement was requested (-replace)',
  replace_by_triggers: 'a replace_triggered_by reference changed',
  delete_because_no_resource_config: 'it was removed from the configuration',
  delete_because_no_module: 'its module was removed from the configuration',
  delete_because_wrong_repetition: 'count/for_each was added or removed',
  delete_because_count_index: 'its count index is out of range',
  delete_because_each_key: 'its for_each key no longer exists',
  delete_because_no_move_target: 'the target of a moved block does not exist',
  read_because_config_unknown: 'its configuration is not known until apply',
  read_because_dependency_pending: 'a dependency has pending changes',
  read_because_check_nested: 'a check block reads it',
};

export function describeActionReason(reason: string | undefined): string | undefined {
  if (!reason) return undefined;
  return REASONS[reason] ?? reason;
}
