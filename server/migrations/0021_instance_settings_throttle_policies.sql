ALTER TABLE "auth_throttle" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "instance_settings" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "app_settings_read" ON "instance_settings" AS PERMISSIVE FOR SELECT TO "bureau_app" USING (name IN ('vapid'));--> statement-breakpoint
CREATE POLICY "app_settings_add" ON "instance_settings" AS PERMISSIVE FOR INSERT TO "bureau_app" WITH CHECK (name IN ('vapid'));--> statement-breakpoint
-- Settings of the instance: the application reads and adds the names its policies allow, and never changes or
-- deletes one (a VAPID key pair replaced would silently cut every browser's subscription).
REVOKE UPDATE, DELETE, TRUNCATE ON instance_settings FROM bureau_app;
--> statement-breakpoint
-- The sign-in throttle holds addresses and per-account counters: the application role may not list them, nor clear
-- them all (one query would unblock every guesser). It asks about the keys it already knows through these functions.
REVOKE ALL ON auth_throttle FROM bureau_app;
--> statement-breakpoint
CREATE FUNCTION bureau_throttle_blocked_seconds(p_keys text[]) RETURNS integer
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
    SELECT ceil(extract(epoch FROM max(blocked_until) - now()))::int FROM auth_throttle
     WHERE key = ANY (p_keys) AND blocked_until > now()
  $$;
--> statement-breakpoint
-- Counts one failure in a sliding window; a key over its limit is blocked for p_block seconds.
CREATE FUNCTION bureau_throttle_fail(p_key text, p_limit integer, p_window integer, p_block integer) RETURNS void
  LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
    INSERT INTO auth_throttle AS t (key, failures, window_start) VALUES (p_key, 1, now())
    ON CONFLICT (key) DO UPDATE SET
      failures = CASE WHEN t.window_start < now() - make_interval(secs => p_window) THEN 1 ELSE t.failures + 1 END,
      window_start = CASE WHEN t.window_start < now() - make_interval(secs => p_window) THEN now() ELSE t.window_start END,
      blocked_until = CASE
        WHEN t.window_start >= now() - make_interval(secs => p_window) AND t.failures + 1 >= p_limit
        THEN now() + make_interval(secs => p_block) ELSE t.blocked_until END
  $$;
--> statement-breakpoint
CREATE FUNCTION bureau_throttle_clear(p_key text) RETURNS void
  LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$ DELETE FROM auth_throttle WHERE key = p_key $$;
--> statement-breakpoint
-- Every counter of one account (its key and its pairs with addresses): the prefix must name an account, a kind and a
-- SHA-256 hash, so that no prefix clears everyone's counters.
CREATE FUNCTION bureau_throttle_clear_account(p_prefix text) RETURNS void
  LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
  BEGIN
    IF p_prefix !~ '^[a-z-]+:[0-9a-f]{64}' THEN
      RAISE EXCEPTION 'bureau_throttle_clear_account: % is not an account''s prefix', p_prefix;
    END IF;
    DELETE FROM auth_throttle WHERE starts_with(key, p_prefix);
  END
  $$;
--> statement-breakpoint
REVOKE EXECUTE ON FUNCTION bureau_throttle_blocked_seconds(text[]), bureau_throttle_fail(text, integer, integer, integer),
  bureau_throttle_clear(text), bureau_throttle_clear_account(text) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION bureau_throttle_blocked_seconds(text[]), bureau_throttle_fail(text, integer, integer, integer),
  bureau_throttle_clear(text), bureau_throttle_clear_account(text) TO bureau_app;
