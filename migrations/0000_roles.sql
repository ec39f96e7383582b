-- Roles the app switches to inside each transaction (drizzle-kit does not emit roles).
-- On a managed Postgres an administrator may create them beforehand; then this only checks membership.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'cscx_app') THEN
    CREATE ROLE cscx_app NOLOGIN NOSUPERUSER NOBYPASSRLS NOINHERIT;
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'cscx_auth') THEN
    CREATE ROLE cscx_auth NOLOGIN NOSUPERUSER NOBYPASSRLS NOINHERIT;
  END IF;
  IF NOT pg_has_role(current_user, 'cscx_app', 'MEMBER') THEN
    EXECUTE format('GRANT cscx_app TO %I', current_user);
  END IF;
  IF NOT pg_has_role(current_user, 'cscx_auth', 'MEMBER') THEN
    EXECUTE format('GRANT cscx_auth TO %I', current_user);
  END IF;
END
$$;
