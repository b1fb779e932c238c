-- The sign-in page greets visitors with the office's name when the portal serves exactly one office.
CREATE FUNCTION bureau_portal_office_name() RETURNS text
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$ SELECT CASE WHEN count(*) = 1 THEN min(name) END FROM offices $$;
--> statement-breakpoint
REVOKE EXECUTE ON FUNCTION bureau_portal_office_name() FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION bureau_portal_office_name() TO bureau_app;
