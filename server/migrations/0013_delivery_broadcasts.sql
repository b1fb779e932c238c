CREATE TABLE "broadcast_recipients" (
	"broadcast_id" uuid NOT NULL,
	"office_id" uuid NOT NULL,
	"company_id" uuid NOT NULL,
	"conversation_id" uuid,
	"message_id" uuid,
	"delivered_at" timestamp with time zone,
	"read_at" timestamp with time zone,
	"read_by" uuid,
	CONSTRAINT "broadcast_recipients_broadcast_id_company_id_pk" PRIMARY KEY("broadcast_id","company_id")
);
--> statement-breakpoint
ALTER TABLE "broadcast_recipients" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "broadcasts" (
	"id" uuid PRIMARY KEY NOT NULL,
	"office_id" uuid NOT NULL,
	"author_id" uuid NOT NULL,
	"channel_id" uuid NOT NULL,
	"mode" text NOT NULL,
	"subject" text NOT NULL,
	"body" text NOT NULL,
	"attachment_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"selection" jsonb NOT NULL,
	"total" integer NOT NULL,
	"status" text DEFAULT 'sending' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "broadcasts" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "inbound_emails" (
	"id" uuid PRIMARY KEY NOT NULL,
	"office_id" uuid NOT NULL,
	"message_id_header" text NOT NULL,
	"from_address" text NOT NULL,
	"status" text NOT NULL,
	"reason" text,
	"conversation_id" uuid,
	"message_id" uuid,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "inbound_emails_message_id" UNIQUE("office_id","message_id_header")
);
--> statement-breakpoint
ALTER TABLE "inbound_emails" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "instance_settings" (
	"name" text PRIMARY KEY NOT NULL,
	"value" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "office_mail_settings" (
	"office_id" uuid PRIMARY KEY NOT NULL,
	"host" text NOT NULL,
	"port" integer NOT NULL,
	"security" text NOT NULL,
	"username" text,
	"password_sealed" text,
	"from_address" text NOT NULL,
	"from_name" text,
	"verified_at" timestamp with time zone,
	"last_error" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "office_mail_settings" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "office_sms_settings" (
	"office_id" uuid PRIMARY KEY NOT NULL,
	"provider" text NOT NULL,
	"account_id" text,
	"token_sealed" text NOT NULL,
	"sender_name" text NOT NULL,
	"base_url" text,
	"daily_cap" integer DEFAULT 500 NOT NULL,
	"per_number_hourly" integer DEFAULT 5 NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "office_sms_settings" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "push_subscriptions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"office_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"endpoint" text NOT NULL,
	"p256dh" text NOT NULL,
	"auth" text NOT NULL,
	"user_agent" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_success_at" timestamp with time zone,
	"last_error" text,
	CONSTRAINT "push_subscriptions_endpoint" UNIQUE("office_id","user_id","endpoint")
);
--> statement-breakpoint
ALTER TABLE "push_subscriptions" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "reply_addresses" (
	"token" text PRIMARY KEY NOT NULL,
	"office_id" uuid NOT NULL,
	"conversation_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "reply_addresses_person" UNIQUE("office_id","conversation_id","user_id")
);
--> statement-breakpoint
ALTER TABLE "reply_addresses" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "sms_messages" (
	"id" uuid PRIMARY KEY NOT NULL,
	"office_id" uuid NOT NULL,
	"user_id" uuid,
	"to_number" text NOT NULL,
	"body" text NOT NULL,
	"provider" text NOT NULL,
	"provider_message_id" text,
	"status" text DEFAULT 'pending' NOT NULL,
	"error" text,
	"attempts" integer DEFAULT 0 NOT NULL,
	"dedupe_key" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone,
	"status_at" timestamp with time zone,
	CONSTRAINT "sms_messages_dedupe_key" UNIQUE("office_id","dedupe_key")
);
--> statement-breakpoint
ALTER TABLE "sms_messages" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "daily_due" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "phone" text;--> statement-breakpoint
ALTER TABLE "broadcast_recipients" ADD CONSTRAINT "broadcast_recipients_broadcast_id_broadcasts_id_fk" FOREIGN KEY ("broadcast_id") REFERENCES "public"."broadcasts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "broadcast_recipients" ADD CONSTRAINT "broadcast_recipients_office_id_offices_id_fk" FOREIGN KEY ("office_id") REFERENCES "public"."offices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "broadcast_recipients" ADD CONSTRAINT "broadcast_recipients_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "broadcasts" ADD CONSTRAINT "broadcasts_office_id_offices_id_fk" FOREIGN KEY ("office_id") REFERENCES "public"."offices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "broadcasts" ADD CONSTRAINT "broadcasts_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inbound_emails" ADD CONSTRAINT "inbound_emails_office_id_offices_id_fk" FOREIGN KEY ("office_id") REFERENCES "public"."offices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "office_mail_settings" ADD CONSTRAINT "office_mail_settings_office_id_offices_id_fk" FOREIGN KEY ("office_id") REFERENCES "public"."offices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "office_sms_settings" ADD CONSTRAINT "office_sms_settings_office_id_offices_id_fk" FOREIGN KEY ("office_id") REFERENCES "public"."offices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "push_subscriptions" ADD CONSTRAINT "push_subscriptions_office_id_offices_id_fk" FOREIGN KEY ("office_id") REFERENCES "public"."offices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "push_subscriptions" ADD CONSTRAINT "push_subscriptions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reply_addresses" ADD CONSTRAINT "reply_addresses_office_id_offices_id_fk" FOREIGN KEY ("office_id") REFERENCES "public"."offices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reply_addresses" ADD CONSTRAINT "reply_addresses_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sms_messages" ADD CONSTRAINT "sms_messages_office_id_offices_id_fk" FOREIGN KEY ("office_id") REFERENCES "public"."offices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sms_messages" ADD CONSTRAINT "sms_messages_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "broadcast_recipients_conversation_idx" ON "broadcast_recipients" USING btree ("office_id","conversation_id");--> statement-breakpoint
CREATE INDEX "broadcasts_office_idx" ON "broadcasts" USING btree ("office_id","created_at");--> statement-breakpoint
CREATE INDEX "inbound_emails_office_idx" ON "inbound_emails" USING btree ("office_id","received_at");--> statement-breakpoint
CREATE INDEX "sms_messages_office_idx" ON "sms_messages" USING btree ("office_id","created_at");--> statement-breakpoint
CREATE INDEX "sms_messages_number_idx" ON "sms_messages" USING btree ("office_id","to_number","created_at");--> statement-breakpoint
CREATE POLICY "office_isolation" ON "broadcast_recipients" AS PERMISSIVE FOR ALL TO "bureau_app" USING (office_id = app_office_id()) WITH CHECK (office_id = app_office_id());--> statement-breakpoint
CREATE POLICY "office_isolation" ON "broadcasts" AS PERMISSIVE FOR ALL TO "bureau_app" USING (office_id = app_office_id()) WITH CHECK (office_id = app_office_id());--> statement-breakpoint
CREATE POLICY "office_isolation" ON "inbound_emails" AS PERMISSIVE FOR ALL TO "bureau_app" USING (office_id = app_office_id()) WITH CHECK (office_id = app_office_id());--> statement-breakpoint
CREATE POLICY "office_isolation" ON "office_mail_settings" AS PERMISSIVE FOR ALL TO "bureau_app" USING (office_id = app_office_id()) WITH CHECK (office_id = app_office_id());--> statement-breakpoint
CREATE POLICY "office_isolation" ON "office_sms_settings" AS PERMISSIVE FOR ALL TO "bureau_app" USING (office_id = app_office_id()) WITH CHECK (office_id = app_office_id());--> statement-breakpoint
CREATE POLICY "office_isolation" ON "push_subscriptions" AS PERMISSIVE FOR ALL TO "bureau_app" USING (office_id = app_office_id()) WITH CHECK (office_id = app_office_id());--> statement-breakpoint
CREATE POLICY "office_isolation" ON "reply_addresses" AS PERMISSIVE FOR ALL TO "bureau_app" USING (office_id = app_office_id()) WITH CHECK (office_id = app_office_id());--> statement-breakpoint
CREATE POLICY "office_isolation" ON "sms_messages" AS PERMISSIVE FOR ALL TO "bureau_app" USING (office_id = app_office_id()) WITH CHECK (office_id = app_office_id());--> statement-breakpoint
-- An e-mailed reply arrives before any tenant is known: its address's token is the only question asked.
CREATE FUNCTION bureau_reply_address(p_token text)
  RETURNS TABLE (office_id uuid, conversation_id uuid, user_id uuid)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$ SELECT office_id, conversation_id, user_id FROM reply_addresses WHERE token = p_token $$;
