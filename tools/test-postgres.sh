#!/usr/bin/env bash
# Starts a PostgreSQL for the real-server database target and prints the URL to use on stdout
# (everything else goes to stderr). Run by `npm test`; it installs nothing (tools/test-setup.sh does).
#   tools/test-postgres.sh                as root: Debian's cluster (newest version, "main") on 127.0.0.1
#   tools/test-postgres.sh --private DIR  not root: a throwaway server of your own, initdb'd into DIR,
#                                         on a free loopback port; no sudo, no system state touched
#   tools/test-postgres.sh --stop DIR     stops that throwaway server and removes DIR
# The login role is what a managed Postgres gives you: no superuser, no BYPASSRLS, CREATEDB (each
# test file clones a template database), and membership in the two roles the app switches to.
# Idempotent: an already running cluster and existing roles are left as they are.
set -euo pipefail
version=$(ls /usr/lib/postgresql | sort -n | tail -1)
bin=/usr/lib/postgresql/$version/bin

# The roles and the database, for psql reading stdin as a superuser.
roles_sql() {
  cat <<'SQL'
\set ON_ERROR_STOP 1
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'cscx_ci') THEN
    CREATE ROLE cscx_ci LOGIN PASSWORD 'cscx_ci' CREATEDB NOSUPERUSER NOBYPASSRLS NOCREATEROLE;
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'cscx_app') THEN
    CREATE ROLE cscx_app NOLOGIN NOSUPERUSER NOBYPASSRLS NOINHERIT;
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'cscx_auth') THEN
    CREATE ROLE cscx_auth NOLOGIN NOSUPERUSER NOBYPASSRLS NOINHERIT;
  END IF;
END $$;
SET client_min_messages = warning;
GRANT cscx_app TO cscx_ci;
GRANT cscx_auth TO cscx_ci;
SELECT 'CREATE DATABASE cscx_ci OWNER cscx_ci'
  WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = 'cscx_ci') \gexec
SQL
}

case "${1:-}" in
  '')
    [ "$(id -u)" -eq 0 ] || { echo "test-postgres: the system cluster needs root (or use --private DIR)" >&2; exit 1; }
    pg_lsclusters -h | grep -q "^$version main" || pg_createcluster "$version" main >&2
    sed -i "s/^#\?listen_addresses.*/listen_addresses = '127.0.0.1'/" "/etc/postgresql/$version/main/postgresql.conf"
    # Exits non-zero when the cluster already runs: then only insist that it does.
    pg_ctlcluster "$version" main start >&2 || pg_ctlcluster "$version" main status >/dev/null
    port=$(pg_lsclusters -h | awk -v v="$version" '$1==v && $2=="main" {print $3}')
    roles_sql | su postgres -c "psql -q -X -p $port" >&2
    ;;
  --private)
    dir=${2:?usage: test-postgres.sh --private DIR}
    # Trust only on the socket, which lives in DIR (mode 0700 from mktemp): other local users can
    # reach the TCP port but need the password.
    "$bin/initdb" -D "$dir/data" -U postgres -E UTF8 --locale=C.UTF-8 \
      --auth-local=trust --auth-host=scram-sha-256 >"$dir/initdb.log" 2>&1 \
      || { cat "$dir/initdb.log" >&2; exit 1; }
    # A port that was free a moment ago can be taken before the server binds it: try a few.
    for attempt in 1 2 3; do
      port=$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
      printf "listen_addresses = '127.0.0.1'\nport = %s\nunix_socket_directories = '%s'\n" "$port" "$dir" \
        >"$dir/data/postgresql.auto.conf"
      "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w start >/dev/null && break
      [ "$attempt" -lt 3 ] || { cat "$dir/server.log" >&2; exit 1; }
    done
    roles_sql | "$bin/psql" -q -X -h "$dir" -p "$port" -U postgres -d postgres >&2
    ;;
  --stop)
    dir=${2:?usage: test-postgres.sh --stop DIR}
    [ ! -f "$dir/data/postmaster.pid" ] || "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null
    rm -rf "$dir"
    exit 0
    ;;
  *) echo "test-postgres: unknown option $1" >&2; exit 2 ;;
esac
echo "postgres://cscx_ci:cscx_ci@127.0.0.1:$port/cscx_ci"
