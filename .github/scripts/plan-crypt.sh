#!/usr/bin/env bash
# Encrypts or decrypts a saved plan with the GitHub environment secret PLAN_ENCRYPTION_KEY
# (gpg, AES-256, integrity-protected): a saved plan holds every attribute value in clear,
# secrets included, and artifacts are readable by everyone who can read the repository.
#   plan-crypt.sh encrypt <plan> <plan>.gpg      plan-crypt.sh decrypt <plan>.gpg <plan>
set -euo pipefail
mode="${1:?usage: plan-crypt.sh encrypt|decrypt <in> <out>}"
in="${2:?usage: plan-crypt.sh encrypt|decrypt <in> <out>}"
out="${3:?usage: plan-crypt.sh encrypt|decrypt <in> <out>}"
if [ -z "${PLAN_ENCRYPTION_KEY:-}" ]; then
  echo "::error::PLAN_ENCRYPTION_KEY is not set: add it as a secret of this GitHub environment (docs/ci.md)" >&2
  exit 1
fi
home="$(mktemp -d)"
trap 'rm -rf "$home"' EXIT
gpg_() { gpg --homedir "$home" --batch --yes --quiet --pinentry-mode loopback --passphrase-fd 3 "$@" 3<<<"$PLAN_ENCRYPTION_KEY"; }
case "$mode" in
  encrypt) gpg_ --symmetric --cipher-algo AES256 --s2k-digest-algo SHA512 --force-mdc --output "$out" "$in" ;;
  decrypt) gpg_ --decrypt --output "$out" "$in" ;;
  *) echo "::error::unknown mode '$mode' (encrypt or decrypt)" >&2; exit 2 ;;
esac
