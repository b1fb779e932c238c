CREATE TABLE "channels" (
	"id" uuid PRIMARY KEY NOT NULL,
	"office_id" uuid NOT NULL,
	"key" text,
	"names" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"specialty" text,
	"position" integer DEFAULT 0 NOT NULL,
	"archived_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "channels_office_id_unique" UNIQUE("office_id","id"),
	CONSTRAINT "channels_office_key_unique" UNIQUE("office_id","key")
);
--> statement-breakpoint
ALTER TABLE "channels" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "conversation_participants" (
	"office_id" uuid NOT NULL,
	"conversation_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	CONSTRAINT "conversation_participants_conversation_id_user_id_pk" PRIMARY KEY("conversation_id","user_id")
);
--> statement-breakpoint
ALTER TABLE "conversation_participants" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "conversations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"office_id" uuid NOT NULL,
	"company_id" uuid NOT NULL,
	"channel_id" uuid NOT NULL,
	"subject" text NOT NULL,
	"started_by_side" text NOT NULL,
	"started_by" uuid NOT NULL,
	"client_id" uuid NOT NULL,
	"visibility" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"closed_at" timestamp with time zone,
	"closed_by" uuid,
	"closed_by_side" text,
	"last_message_seq" integer DEFAULT 0 NOT NULL,
	"last_message_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_message_side" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "conversations_office_id_unique" UNIQUE("office_id","id"),
	CONSTRAINT "conversations_client_id_unique" UNIQUE("started_by","client_id")
);
--> statement-breakpoint
ALTER TABLE "conversations" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "message_revisions" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"office_id" uuid NOT NULL,
	"message_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"body" text NOT NULL,
	"revised_by" uuid NOT NULL,
	"revised_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "message_revisions" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "messages" (
	"id" uuid PRIMARY KEY NOT NULL,
	"office_id" uuid NOT NULL,
	"conversation_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"client_id" uuid NOT NULL,
	"author_id" uuid NOT NULL,
	"author_side" text NOT NULL,
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"edited_at" timestamp with time zone,
	"deleted_at" timestamp with time zone,
	CONSTRAINT "messages_seq_unique" UNIQUE("conversation_id","seq"),
	CONSTRAINT "messages_client_id_unique" UNIQUE("conversation_id","client_id")
);
--> statement-breakpoint
ALTER TABLE "messages" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "read_positions" (
	"office_id" uuid NOT NULL,
	"conversation_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"last_read_seq" integer NOT NULL,
	"read_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "read_positions_conversation_id_user_id_pk" PRIMARY KEY("conversation_id","user_id")
);
--> statement-breakpoint
ALTER TABLE "read_positions" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "offices" ADD COLUMN "message_edit_minutes" integer DEFAULT 15 NOT NULL;--> statement-breakpoint
ALTER TABLE "channels" ADD CONSTRAINT "channels_office_id_offices_id_fk" FOREIGN KEY ("office_id") REFERENCES "public"."offices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conversation_participants" ADD CONSTRAINT "conversation_participants_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conversation_participants" ADD CONSTRAINT "conversation_participants_office_id_conversation_id_conversations_office_id_id_fk" FOREIGN KEY ("office_id","conversation_id") REFERENCES "public"."conversations"("office_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conversations" ADD CONSTRAINT "conversations_started_by_users_id_fk" FOREIGN KEY ("started_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conversations" ADD CONSTRAINT "conversations_closed_by_users_id_fk" FOREIGN KEY ("closed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conversations" ADD CONSTRAINT "conversations_office_id_company_id_companies_office_id_id_fk" FOREIGN KEY ("office_id","company_id") REFERENCES "public"."companies"("office_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conversations" ADD CONSTRAINT "conversations_office_id_channel_id_channels_office_id_id_fk" FOREIGN KEY ("office_id","channel_id") REFERENCES "public"."channels"("office_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "message_revisions" ADD CONSTRAINT "message_revisions_message_id_messages_id_fk" FOREIGN KEY ("message_id") REFERENCES "public"."messages"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "message_revisions" ADD CONSTRAINT "message_revisions_revised_by_users_id_fk" FOREIGN KEY ("revised_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "messages" ADD CONSTRAINT "messages_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "messages" ADD CONSTRAINT "messages_office_id_conversation_id_conversations_office_id_id_fk" FOREIGN KEY ("office_id","conversation_id") REFERENCES "public"."conversations"("office_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "read_positions" ADD CONSTRAINT "read_positions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "read_positions" ADD CONSTRAINT "read_positions_office_id_conversation_id_conversations_office_id_id_fk" FOREIGN KEY ("office_id","conversation_id") REFERENCES "public"."conversations"("office_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "conversation_participants_user_idx" ON "conversation_participants" USING btree ("office_id","user_id");--> statement-breakpoint
CREATE INDEX "conversations_inbox_idx" ON "conversations" USING btree ("office_id","last_message_at");--> statement-breakpoint
CREATE INDEX "conversations_company_idx" ON "conversations" USING btree ("office_id","company_id","last_message_at");--> statement-breakpoint
CREATE INDEX "message_revisions_message_idx" ON "message_revisions" USING btree ("office_id","message_id");--> statement-breakpoint
CREATE POLICY "office_isolation" ON "channels" AS PERMISSIVE FOR ALL TO "bureau_app" USING (office_id = app_office_id()) WITH CHECK (office_id = app_office_id());--> statement-breakpoint
CREATE POLICY "office_isolation" ON "conversation_participants" AS PERMISSIVE FOR ALL TO "bureau_app" USING (office_id = app_office_id()) WITH CHECK (office_id = app_office_id());--> statement-breakpoint
CREATE POLICY "office_isolation" ON "conversations" AS PERMISSIVE FOR ALL TO "bureau_app" USING (office_id = app_office_id()) WITH CHECK (office_id = app_office_id());--> statement-breakpoint
CREATE POLICY "revisions_read" ON "message_revisions" AS PERMISSIVE FOR SELECT TO "bureau_app" USING (office_id = app_office_id());--> statement-breakpoint
CREATE POLICY "revisions_append" ON "message_revisions" AS PERMISSIVE FOR INSERT TO "bureau_app" WITH CHECK (office_id = app_office_id());--> statement-breakpoint
CREATE POLICY "office_isolation" ON "messages" AS PERMISSIVE FOR ALL TO "bureau_app" USING (office_id = app_office_id()) WITH CHECK (office_id = app_office_id());--> statement-breakpoint
CREATE POLICY "office_isolation" ON "read_positions" AS PERMISSIVE FOR ALL TO "bureau_app" USING (office_id = app_office_id()) WITH CHECK (office_id = app_office_id());--> statement-breakpoint
REVOKE UPDATE, DELETE, TRUNCATE ON message_revisions FROM bureau_app;
--> statement-breakpoint
-- The four default channels of every existing office (new offices get them at setup).
INSERT INTO channels (id, office_id, key, specialty, position)
SELECT gen_random_uuid(), o.id, d.key, d.specialty, d.position
  FROM offices o
 CROSS JOIN (VALUES ('accounting', 'accounting', 1), ('payroll', 'payroll', 2), ('invoicing', 'invoicing', 3), ('admin', NULL, 4)) AS d(key, specialty, position)
ON CONFLICT DO NOTHING;
