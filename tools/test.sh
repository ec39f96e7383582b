#!/usr/bin/env bash
# `npm test`: the whole suite on a fresh Debian machine, both database targets included.
#   npm test                  Biome, both tsc typechecks, then every vitest project
#   npm test -- ARGS…         only `vitest run ARGS…` (a developer narrowing the run wants it fast),
#                             still with both browsers and a real PostgreSQL at hand
# As root it installs what is missing (tools/test-setup.sh). Not as root, a missing package stops it
# at once with the one command to run first; installing is the only part that needs root.
# A PostgreSQL for the db-postgres target: CSCX_TEST_DATABASE_URL when set (nothing is started); else
# as root Debian's cluster on 127.0.0.1, left running; else a throwaway server of the user's own under
# the OS temp dir, stopped when the run ends (see tools/test-postgres.sh for why).
set -euo pipefail
cd "$(dirname "$0")/.."

setup_args=()
[ -z "${CSCX_TEST_DATABASE_URL:-}" ] || setup_args+=(--no-postgres)
missing=$(bash tools/test-setup.sh --list-missing "${setup_args[@]}")
if [ -n "$missing" ]; then
  if [ "$(id -u)" -eq 0 ]; then
    bash tools/test-setup.sh "${setup_args[@]}"
  else
    echo "npm test: missing $(echo "$missing" | paste -sd ' '), which needs root to install. Run this first:" >&2
    echo "  sudo bash tools/test-setup.sh${setup_args[*]:+ ${setup_args[*]}}" >&2
    exit 1
  fi
fi

if [ $# -eq 0 ]; then
  npm run lint
  npm run typecheck
fi

if [ -z "${CSCX_TEST_DATABASE_URL:-}" ]; then
  if [ "$(id -u)" -eq 0 ]; then
    CSCX_TEST_DATABASE_URL=$(bash tools/test-postgres.sh)
  else
    # initdb refuses to run as root, and needs no root otherwise: a private server asks nothing of
    # the system cluster (down, on another port, roles missing) and leaves nothing running.
    pgdir=$(mktemp -d "${TMPDIR:-/tmp}/cscx-test-postgres.XXXXXX")
    trap 'bash tools/test-postgres.sh --stop "$pgdir"' EXIT
    CSCX_TEST_DATABASE_URL=$(bash tools/test-postgres.sh --private "$pgdir")
  fi
  export CSCX_TEST_DATABASE_URL
fi
echo "npm test: db-postgres target on $(sed -E 's#//[^@/]*@#//…@#' <<<"$CSCX_TEST_DATABASE_URL")" >&2
npx --no-install vitest run "$@"
