#!/usr/bin/env bash
# Keeps ONE open issue per environment about drift (label `drift`, title "Drift in <env>"):
# created or updated with the summary when the check found differences or failed (status 2 or
# 1), commented and closed when everything matches again (status 0).
#   drift-issue.sh <env> <summary-file> <drift-check status>      GH_TOKEN, GH_REPO
set -euo pipefail
env="${1:?usage: drift-issue.sh <env> <summary-file> <status>}"
summary="${2:?usage: drift-issue.sh <env> <summary-file> <status>}"
status="${3:?usage: drift-issue.sh <env> <summary-file> <status>}"
title="Drift in $env"
number="$(gh issue list --label drift --state open --search "\"$title\" in:title" --json number,title --jq "map(select(.title == \"$title\")) | .[0].number // empty")"
if [ "$status" = 0 ]; then
  if [ -n "$number" ]; then
    gh issue close "$number" --comment "No drift any more: every stack of $env matches its code."
    echo "closed #$number" >&2
  fi
  exit 0
fi
if [ -n "$number" ]; then
  gh issue edit "$number" --body-file "$summary"
  echo "updated #$number" >&2
else
  gh issue create --title "$title" --label drift --body-file "$summary"
  echo "opened an issue for $env" >&2
fi
