#!/usr/bin/env bash
# Starts Debian's PostgreSQL on loopback for the real-server test target and prints the URL to use.
# The app's login role is what a managed Postgres gives you: no superuser, no BYPASSRLS, CREATEDB
# (each test file clones a template database), and membership in the roles the app switches to.
set -euo pipefail
if ! command -v pg_ctlcluster >/dev/null || [ ! -d /usr/lib/postgresql ]; then
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
fi
version=$(ls /usr/lib/postgresql | sort -n | tail -1)
if ! pg_lsclusters -h | grep -q "^$version main"; then
  pg_createcluster "$version" main >&2
fi
sed -i "s/^#\?listen_addresses.*/listen_addresses = '127.0.0.1'/" "/etc/postgresql/$version/main/postgresql.conf"
pg_ctlcluster "$version" main start >&2 || pg_ctlcluster "$version" main status >&2
port=$(pg_lsclusters -h | awk -v v="$version" '$1==v && $2=="main" {print $3}')
su postgres -c "psql -v ON_ERROR_STOP=1 -q -p $port" >&2 <<'SQL'
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
GRANT cscx_app TO cscx_ci;
GRANT cscx_auth TO cscx_ci;
SQL
su postgres -c "psql -q -p $port -tc \"SELECT 1 FROM pg_database WHERE datname = 'cscx_ci'\"" | grep -q 1 \
  || su postgres -c "createdb -p $port -O cscx_ci cscx_ci" >&2
echo "postgres://cscx_ci:cscx_ci@127.0.0.1:$port/cscx_ci"
