#!/usr/bin/env bash
# Prints `{"serial":N,"lineage":"..."}` of the state of the stack in the current directory (after
# `terraform init`), or `{"serial":null,"lineage":null}` when it has no state yet. Recorded with a
# reviewed plan and compared before it is applied: a creation plan made on empty state can then
# never be applied a second time (the first apply gave the stack a lineage).
set -euo pipefail
state="$(terraform state pull)" # an access error fails: it is not "no state"
if [ -z "${state//[[:space:]]/}" ]; then
  echo '{"serial":null,"lineage":null}'
else
  jq -c '{serial: (.serial // null), lineage: (.lineage // null)}' <<<"$state"
fi
