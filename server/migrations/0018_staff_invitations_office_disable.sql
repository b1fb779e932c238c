ALTER TABLE "invitations" ALTER COLUMN "company_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "invitations" ALTER COLUMN "access" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "invitations" ADD COLUMN "role" text;--> statement-breakpoint
ALTER TABLE "invitations" ADD COLUMN "specialties" text[];--> statement-breakpoint
ALTER TABLE "offices" ADD COLUMN "disabled_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "offices" ADD COLUMN "disabled_reason" text;--> statement-breakpoint
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_kind" CHECK (("invitations"."company_id" IS NOT NULL AND "invitations"."access" IS NOT NULL AND "invitations"."role" IS NULL) OR ("invitations"."company_id" IS NULL AND "invitations"."access" IS NULL AND "invitations"."role" IS NOT NULL));--> statement-breakpoint
-- A disabled office: its memberships say so (sign-in refuses with the reason) and its sessions carry it.
DROP FUNCTION bureau_user_memberships(uuid);
--> statement-breakpoint
CREATE FUNCTION bureau_user_memberships(p_user uuid)
  RETURNS TABLE (office_id uuid, office_name text, kind text, role text, staff_disabled boolean,
                 company_id uuid, company_name text, company_status text, access text,
                 require_staff_two_factor boolean, allow_client_passwordless boolean,
                 office_disabled boolean, office_disabled_reason text)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
    SELECT s.office_id, o.name, 'staff', s.role, s.disabled_at IS NOT NULL, NULL::uuid, NULL::text, NULL::text, NULL::text,
           o.require_staff_two_factor, o.allow_client_passwordless, o.disabled_at IS NOT NULL, o.disabled_reason
      FROM staff_members s JOIN offices o ON o.id = s.office_id WHERE s.user_id = p_user
    UNION ALL
    SELECT cu.office_id, o.name, 'client', NULL, false, c.id, c.name, c.status, cu.access,
           o.require_staff_two_factor, o.allow_client_passwordless, o.disabled_at IS NOT NULL, o.disabled_reason
      FROM company_users cu JOIN companies c ON c.id = cu.company_id JOIN offices o ON o.id = cu.office_id
     WHERE cu.user_id = p_user
  $$;
--> statement-breakpoint
REVOKE EXECUTE ON FUNCTION bureau_user_memberships(uuid) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION bureau_user_memberships(uuid) TO bureau_app;
--> statement-breakpoint
DROP FUNCTION bureau_session_actor(text);
--> statement-breakpoint
CREATE FUNCTION bureau_session_actor(p_hash text)
  RETURNS TABLE (id uuid, user_id uuid, office_id uuid, company_id uuid, csrf_token text, expires_at timestamptz,
                 last_seen_at timestamptz, user_exists boolean, user_name text, user_email text, user_locale text,
                 user_totp_enabled boolean, office_exists boolean, restrict_employees boolean,
                 require_staff_two_factor boolean, staff_role text, staff_specialties text[], staff_disabled boolean,
                 member_access text, company_status text, company_name text,
                 office_disabled boolean, office_disabled_reason text)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
    SELECT s.id, s.user_id, s.office_id, s.company_id, s.csrf_token, s.expires_at, s.last_seen_at,
           u.id IS NOT NULL, u.name, u.email, u.locale, u.totp_enabled,
           o.id IS NOT NULL, o.restrict_employees, o.require_staff_two_factor,
           sm.role, sm.specialties, sm.disabled_at IS NOT NULL,
           cu.access, c.status, c.name,
           o.disabled_at IS NOT NULL, o.disabled_reason
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
