#!/usr/bin/env bash
# Applies or checks the GitHub environments of .github/environments.json with `gh api`:
# deployment branches (a list = only those branches may deploy; null = any branch, for preview,
# whose jobs run on pull requests and whose role is limited to pr-* names), required reviewers
# (`team:<slug>` or `user:<login>`), and that the listed secrets and variables exist (names only;
# values are never read). `check` prints one `::error::` line per difference and exits 1.
#   github-settings.sh apply|check [settings-file]      GH_TOKEN (admin), GITHUB_REPOSITORY
set -euo pipefail
mode="${1:?usage: github-settings.sh apply|check [settings-file]}"
here="$(cd "$(dirname "$0")" && pwd)"
settings="${2:-$here/../environments.json}"
: "${GITHUB_REPOSITORY:?GITHUB_REPOSITORY is required (owner/name)}"
repo="repos/$GITHUB_REPOSITORY"
owner="${GITHUB_REPOSITORY%%/*}"
problems=0
problem() { echo "::error::$*"; problems=$((problems + 1)); }

reviewer_json() { # team:<slug> | user:<login> -> {"type":"Team","id":N}
  case "$1" in
    team:*) jq -cn --argjson id "$(gh api "orgs/$owner/teams/${1#team:}" --jq .id)" '{type: "Team", id: $id}' ;;
    user:*) jq -cn --argjson id "$(gh api "users/${1#user:}" --jq .id)" '{type: "User", id: $id}' ;;
    *) echo "::error::reviewer $1 must be team:<slug> or user:<login>" >&2; exit 2 ;;
  esac
}

for name in $(jq -r '.environments | keys[]' "$settings"); do
  want="$(jq -c --arg n "$name" '.environments[$n]' "$settings")"
  if [ "$mode" = apply ]; then
    reviewers="$(jq -r '.reviewers[]' <<<"$want" | while read -r r; do reviewer_json "$r"; done | jq -cs .)"
    policy="$(jq -c 'if .branches == null then null else {protected_branches: false, custom_branch_policies: true} end' <<<"$want")"
    jq -cn --argjson r "$reviewers" --argjson p "$policy" '{reviewers: $r, deployment_branch_policy: $p}' |
      gh api --method PUT "$repo/environments/$name" --input - --silent
    for branch in $(jq -r '.branches // [] | .[]' <<<"$want"); do
      gh api --method POST "$repo/environments/$name/deployment-branch-policies" -f name="$branch" -f type=branch --silent 2>/dev/null || true # exists already
    done
    echo "applied $name"
    continue
  fi
  if ! env_json="$(gh api "$repo/environments/$name" 2>/dev/null)"; then
    problem "environment $name does not exist (run: github-settings.sh apply)"
    continue
  fi
  if [ "$(jq -c '.branches' <<<"$want")" = null ]; then
    [ "$(jq -c '.deployment_branch_policy' <<<"$env_json")" = null ] || problem "environment $name: deployment branches should be any branch"
  else
    [ "$(jq -r '.deployment_branch_policy.custom_branch_policies // false' <<<"$env_json")" = true ] ||
      problem "environment $name: deployment branches are not restricted (want only $(jq -r '.branches | join(", ")' <<<"$want"))"
    have="$(gh api "$repo/environments/$name/deployment-branch-policies" --jq '[.branch_policies[].name] | sort | join(",")')"
    [ "$have" = "$(jq -r '.branches | sort | join(",")' <<<"$want")" ] ||
      problem "environment $name: deployment branches are '$have', want '$(jq -r '.branches | join(",")' <<<"$want")'"
  fi
  if [ "$(jq '.reviewers | length' <<<"$want")" -gt 0 ]; then
    jq -e '[.protection_rules[]? | select(.type == "required_reviewers")] | length > 0' <<<"$env_json" >/dev/null ||
      problem "environment $name: no required reviewers (want $(jq -r '.reviewers | join(", ")' <<<"$want"))"
  fi
  for kind in secrets variables; do
    for item in $(jq -r --arg k "$kind" '.[$k] // [] | .[]' <<<"$want"); do
      gh api "$repo/environments/$name/$kind/$item" --silent 2>/dev/null || problem "environment $name: $kind $item is not set"
    done
  done
done
if [ "$problems" -gt 0 ]; then exit 1; fi
[ "$mode" = check ] && echo "GitHub environments match $(basename "$settings")"
exit 0
