-- A session and everything a request needs to know about its person, in one call: the session row,
-- the person, the office's rules and the membership (staff or the session's company). The identity
-- module decides from these columns whether the person is still let in, exactly as before; this
-- only saves the round trips (one statement instead of a transaction of six on every request).
CREATE FUNCTION bureau_session_actor(p_hash text)
  RETURNS TABLE (id uuid, user_id uuid, office_id uuid, company_id uuid, csrf_token text, expires_at timestamptz,
                 last_seen_at timestamptz, user_exists boolean, user_name text, user_email text, user_locale text,
                 user_totp_enabled boolean, office_exists boolean, restrict_employees boolean,
                 require_staff_two_factor boolean, staff_role text, staff_specialties text[], staff_disabled boolean,
                 member_access text, company_status text, company_name text)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
    SELECT s.id, s.user_id, s.office_id, s.company_id, s.csrf_token, s.expires_at, s.last_seen_at,
           u.id IS NOT NULL, u.name, u.email, u.locale, u.totp_enabled,
           o.id IS NOT NULL, o.restrict_employees, o.require_staff_two_factor,
           sm.role, sm.specialties, sm.disabled_at IS NOT NULL,
           cu.access, c.status, c.name
      FROM sessions s
      LEFT JOIN users u ON u.id = s.user_id
      LEFT JOIN offices o ON o.id = s.office_id
      LEFT JOIN staff_members sm ON s.company_id IS NULL AND sm.office_id = s.office_id AND sm.user_id = s.user_id
      LEFT JOIN company_users cu ON s.company_id IS NOT NULL AND cu.office_id = s.office_id AND cu.company_id = s.company_id AND cu.user_id = s.user_id
      LEFT JOIN companies c ON c.id = cu.company_id AND c.office_id = cu.office_id
     WHERE s.token_hash = p_hash
  $$;
--> statement-breakpoint
REVOKE EXECUTE ON FUNCTION bureau_session_actor(text) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION bureau_session_actor(text) TO bureau_app;
