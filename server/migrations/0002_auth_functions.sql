-- Before a tenant is known (sign-in, a session cookie, a link from an e-mail) the application role
-- may ask only these narrow questions; each SECURITY DEFINER function returns the few columns the
-- identity module needs and nothing else.
REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM bureau_app;
--> statement-breakpoint
CREATE FUNCTION bureau_office_exists() RETURNS boolean
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$ SELECT EXISTS (SELECT 1 FROM offices) $$;
--> statement-breakpoint
CREATE FUNCTION bureau_office_ids() RETURNS SETOF uuid
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$ SELECT id FROM offices $$;
--> statement-breakpoint
CREATE FUNCTION bureau_user_by_email(p_email text)
  RETURNS TABLE (id uuid, name text, email text, password_hash text, locale text, totp_enabled boolean)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$ SELECT id, name, email, password_hash, locale, totp_enabled FROM users WHERE email = p_email $$;
--> statement-breakpoint
CREATE FUNCTION bureau_user_memberships(p_user uuid)
  RETURNS TABLE (office_id uuid, office_name text, kind text, role text, staff_disabled boolean,
                 company_id uuid, company_name text, company_status text, access text,
                 require_staff_two_factor boolean, allow_client_passwordless boolean)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
    SELECT s.office_id, o.name, 'staff', s.role, s.disabled_at IS NOT NULL, NULL::uuid, NULL::text, NULL::text, NULL::text,
           o.require_staff_two_factor, o.allow_client_passwordless
      FROM staff_members s JOIN offices o ON o.id = s.office_id WHERE s.user_id = p_user
    UNION ALL
    SELECT cu.office_id, o.name, 'client', NULL, false, c.id, c.name, c.status, cu.access,
           o.require_staff_two_factor, o.allow_client_passwordless
      FROM company_users cu JOIN companies c ON c.id = cu.company_id JOIN offices o ON o.id = cu.office_id
     WHERE cu.user_id = p_user
  $$;
--> statement-breakpoint
CREATE FUNCTION bureau_session_by_token(p_hash text)
  RETURNS TABLE (id uuid, user_id uuid, office_id uuid, company_id uuid, csrf_token text, expires_at timestamptz, last_seen_at timestamptz)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$ SELECT id, user_id, office_id, company_id, csrf_token, expires_at, last_seen_at FROM sessions WHERE token_hash = p_hash $$;
--> statement-breakpoint
CREATE FUNCTION bureau_auth_token_by_hash(p_hash text)
  RETURNS TABLE (id uuid, user_id uuid, office_id uuid, purpose text, expires_at timestamptz, used_at timestamptz)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$ SELECT id, user_id, office_id, purpose, expires_at, used_at FROM auth_tokens WHERE token_hash = p_hash $$;
--> statement-breakpoint
CREATE FUNCTION bureau_api_token_by_hash(p_hash text)
  RETURNS TABLE (id uuid, user_id uuid, office_id uuid, expires_at timestamptz, revoked_at timestamptz)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$ SELECT id, user_id, office_id, expires_at, revoked_at FROM api_tokens WHERE token_hash = p_hash $$;
--> statement-breakpoint
CREATE FUNCTION bureau_user_id_by_email(p_email text) RETURNS uuid
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$ SELECT id FROM users WHERE email = p_email $$;
--> statement-breakpoint
REVOKE EXECUTE ON FUNCTION bureau_office_exists(), bureau_office_ids(), bureau_user_by_email(text),
  bureau_user_memberships(uuid), bureau_session_by_token(text), bureau_auth_token_by_hash(text),
  bureau_api_token_by_hash(text), bureau_user_id_by_email(text) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION bureau_office_exists(), bureau_office_ids(), bureau_user_by_email(text),
  bureau_user_memberships(uuid), bureau_session_by_token(text), bureau_auth_token_by_hash(text),
  bureau_api_token_by_hash(text), bureau_user_id_by_email(text) TO bureau_app;
