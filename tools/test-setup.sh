#!/usr/bin/env bash
# The only part of the test set-up that needs root: installs with apt what the suite needs and a
# fresh Debian machine lacks. `npm test` runs it itself when it is root; otherwise it asks you to run
# `sudo bash tools/test-setup.sh` once (bash rather than `sudo npm …`: sudo's PATH often has no npm).
#   --list-missing   print the missing packages, one a line, and install nothing (no root needed)
#   --no-postgres    leave PostgreSQL out (CSCX_TEST_DATABASE_URL already names a server)
set -euo pipefail
list_only=false postgres=true
for arg in "$@"; do
  case "$arg" in
    --list-missing) list_only=true ;;
    --no-postgres) postgres=false ;;
    *) echo "test-setup: unknown option $arg" >&2; exit 2 ;;
  esac
done

# The paths the tests use (tests/browser/support/paths.ts, firefox-with-extension.ts), and the
# binaries tools/test-postgres.sh needs for the real-server database target.
missing=()
[ -x /usr/lib/chromium/chromium ] || missing+=(chromium)
[ -x /usr/bin/firefox-esr ] || missing+=(firefox-esr)
if $postgres && ! { command -v pg_ctlcluster >/dev/null && compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null; }; then
  missing+=(postgresql)
fi

if $list_only; then
  [ ${#missing[@]} -eq 0 ] || printf '%s\n' "${missing[@]}"
  exit 0
fi
[ ${#missing[@]} -gt 0 ] || exit 0
if [ "$(id -u)" -ne 0 ]; then
  echo "test-setup: installing ${missing[*]} needs root: sudo bash tools/test-setup.sh" >&2
  exit 1
fi
echo "test-setup: apt-get install ${missing[*]}" >&2
apt-get update -qq >&2
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >&2
