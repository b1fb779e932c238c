ALTER TABLE "companies" ADD COLUMN "notification_email" text;--> statement-breakpoint
ALTER TABLE "companies" ADD COLUMN "deleted_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "companies" ADD COLUMN "deleted_by" uuid;--> statement-breakpoint
ALTER TABLE "companies" ADD COLUMN "purged_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "companies" ADD CONSTRAINT "companies_deleted_by_users_id_fk" FOREIGN KEY ("deleted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "companies_deleted_idx" ON "companies" USING btree ("office_id","deleted_at") WHERE "companies"."deleted_at" IS NOT NULL;--> statement-breakpoint
-- A deleted company is no membership: its client users cannot sign in into it, nor pick it.
CREATE OR REPLACE FUNCTION bureau_user_memberships(p_user uuid)
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
     WHERE cu.user_id = p_user AND c.deleted_at IS NULL
  $$;
--> statement-breakpoint
-- A session in a deleted company (one opened just before the deletion committed) is refused like one in an inactive one.
CREATE OR REPLACE FUNCTION bureau_session_actor(p_hash text)
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
           cu.access, CASE WHEN c.deleted_at IS NOT NULL THEN 'deleted' ELSE c.status END, c.name,
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
-- Message revisions are append-only for the application (0005): only the purge of a company deleted 30 days ago may
-- remove those of its conversations, and this function checks that it is one, whoever calls it.
CREATE FUNCTION bureau_purge_message_revisions(p_office uuid, p_company uuid) RETURNS integer
  LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
    WITH gone AS (
      DELETE FROM message_revisions r
       USING messages m, conversations c, companies co
       WHERE r.message_id = m.id AND m.office_id = p_office AND c.office_id = p_office AND c.id = m.conversation_id
         AND co.office_id = p_office AND co.id = p_company AND c.company_id = co.id
         AND co.deleted_at IS NOT NULL AND co.deleted_at <= now() - interval '30 days'
         AND p_office = app_office_id()
      RETURNING 1)
    SELECT count(*)::int FROM gone
  $$;
--> statement-breakpoint
REVOKE EXECUTE ON FUNCTION bureau_purge_message_revisions(uuid, uuid) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION bureau_purge_message_revisions(uuid, uuid) TO bureau_app;
