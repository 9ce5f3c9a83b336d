#!/usr/bin/env bash
# Moves the tag deployed/<env> to <sha> after a successful deploy of <env> (creates it on the
# first deploy): the next deploy of <env> plans everything changed since then (set-shas.sh env).
# Through the GitHub API, so the job needs `contents: write` but no push credentials.
#   mark-deployed.sh <env> <sha>        GH_TOKEN, GITHUB_REPOSITORY
set -euo pipefail
env="${1:?usage: mark-deployed.sh <env> <sha>}"
sha="${2:?usage: mark-deployed.sh <env> <sha>}"
: "${GITHUB_REPOSITORY:?GITHUB_REPOSITORY is required}"
[[ "$sha" =~ ^[0-9a-f]{40}$ ]] || { echo "::error::$sha is not a full commit sha" >&2; exit 1; }
ref="tags/deployed/$env"
if gh api "repos/$GITHUB_REPOSITORY/git/ref/$ref" --silent 2>/dev/null; then
  gh api --method PATCH "repos/$GITHUB_REPOSITORY/git/refs/$ref" -f sha="$sha" -F force=true --silent
else
  gh api --method POST "repos/$GITHUB_REPOSITORY/git/refs" -f ref="refs/$ref" -f sha="$sha" --silent
fi
echo "deployed/$env -> $sha" >&2
