#!/usr/bin/env bash
# Kept for callers of the old path: the logic (and the roles the tests expect) is in
# tools/test-postgres.sh, which `npm test` runs itself.
exec bash "$(dirname "$0")/../tools/test-postgres.sh" "$@"
