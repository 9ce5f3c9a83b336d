#!/usr/bin/env bash
# Base and head revisions for Nx affected, the way nx-set-shas computes them:
#   pr   <target-branch>    base = merge base of HEAD with origin/<target-branch>
#   main <workflow-file>    base = head commit of the last successful run of that workflow on
#                            this branch, HEAD~1 when there is none yet; DEPLOY_BASE overrides.
#                            (what the affected checks compare against)
#   env <environment>       base = what that environment last deployed: the tag deployed/<env>
#                            (mark-deployed.sh moves it after a successful deploy), so a failed or
#                            unapproved deploy is retried by the next one; no tag yet (first
#                            deploy) = an empty commit, against which everything is affected;
#                            DEPLOY_BASE overrides.
# Writes base=<sha> and head=<sha> to $GITHUB_OUTPUT (stdout when unset).
# A shallow clone is an error: it would make "affected" silently wrong.
set -euo pipefail

usage="usage: set-shas.sh pr <target-branch> | main <workflow-file> | env <environment>"
mode="${1:?$usage}"
arg="${2:?$usage}"
out="${GITHUB_OUTPUT:-/dev/stdout}"

if [ "$(git rev-parse --is-shallow-repository)" = "true" ]; then
  echo "::error::shallow clone: check out with fetch-depth: 0 so the base revision is present" >&2
  exit 1
fi

head="$(git rev-parse HEAD)"
case "$mode" in
  pr)
    base="$(git merge-base "origin/$arg" HEAD)" || {
      echo "::error::no merge base between HEAD and origin/$arg (is the branch fetched?)" >&2
      exit 1
    }
    ;;
  main)
    if [ -n "${DEPLOY_BASE:-}" ]; then
      base="$DEPLOY_BASE"
    else
      branch="${GITHUB_REF_NAME:-$(git rev-parse --abbrev-ref HEAD)}"
      base="$(gh run list --workflow "$arg" --branch "$branch" --status success --limit 1 --json headSha --jq '.[0].headSha // empty')"
      if [ -z "$base" ]; then
        echo "::warning::no successful run of $arg on $branch yet: using HEAD~1 as the base" >&2
        base="$(git rev-parse HEAD~1)"
      fi
    fi
    ;;
  env)
    if [ -n "${DEPLOY_BASE:-}" ]; then
      base="$DEPLOY_BASE"
    elif base="$(git rev-parse --verify --quiet "refs/tags/deployed/$arg^{commit}")"; then
      :
    else
      echo "::notice::deployed/$arg does not exist: first deploy of $arg, everything is deployed" >&2
      empty_tree="$(git hash-object -t tree /dev/null)"
      base="$(git -c user.name=ci -c user.email=ci@localhost commit-tree "$empty_tree" -m "nothing deployed yet")"
    fi
    ;;
  *)
    echo "::error::unknown mode '$mode' (pr, main or env)" >&2
    exit 1
    ;;
esac

if ! git cat-file -e "${base}^{commit}" 2>/dev/null; then
  echo "::error::base revision $base is not in this clone (force-pushed away?); set DEPLOY_BASE to deploy from a known revision" >&2
  exit 1
fi
base="$(git rev-parse "${base}^{commit}")"

echo "base=$base" >>"$out"
echo "head=$head" >>"$out"
echo "base $base, head $head" >&2
