-- Resolving a bearer token is the first statement of every request. As a function owned by
-- `cscx_auth` it runs with that role's read-only policies, so the request can look the token up and
-- switch to `cscx_app` for the caller's org in one statement instead of three.
CREATE OR REPLACE FUNCTION cscx_resolve_token(p_token_hash text, p_now timestamptz)
RETURNS TABLE (
  token_id uuid, token_kind token_kind, last_used_at timestamptz, user_id uuid, org_id uuid,
  role user_role, email text, time_zone text, must_change_password boolean, org_domains text[]
)
-- plpgsql rather than sql: its plan is cached for the session instead of made again on every call.
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp
AS $$
BEGIN
  RETURN QUERY
  SELECT t.id, t.kind, t.last_used_at, u.id, u.org_id, u.role, u.email, u.time_zone, u.must_change_password, o.domains
  FROM auth_tokens t
  JOIN users u ON u.id = t.user_id
  JOIN orgs o ON o.id = u.org_id
  WHERE t.token_hash = p_token_hash AND t.revoked_at IS NULL AND t.expires_at > p_now AND u.removed_at IS NULL;
END
$$;--> statement-breakpoint
-- The new owner needs CREATE on the schema only while ownership changes hands.
GRANT CREATE ON SCHEMA public TO cscx_auth;--> statement-breakpoint
ALTER FUNCTION cscx_resolve_token(text, timestamptz) OWNER TO cscx_auth;--> statement-breakpoint
REVOKE CREATE ON SCHEMA public FROM cscx_auth;--> statement-breakpoint
REVOKE ALL ON FUNCTION cscx_resolve_token(text, timestamptz) FROM PUBLIC;--> statement-breakpoint
DO $$ BEGIN EXECUTE format('GRANT EXECUTE ON FUNCTION cscx_resolve_token(text, timestamptz) TO %I', current_user); END $$;
