CREATE TABLE "events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"office_id" uuid NOT NULL,
	"type" text NOT NULL,
	"company_id" uuid,
	"conversation_id" uuid,
	"payload" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "events" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "events" ADD CONSTRAINT "events_office_id_offices_id_fk" FOREIGN KEY ("office_id") REFERENCES "public"."offices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "events_office_idx" ON "events" USING btree ("office_id","id");--> statement-breakpoint
CREATE POLICY "office_isolation" ON "events" AS PERMISSIVE FOR ALL TO "bureau_app" USING (office_id = app_office_id()) WITH CHECK (office_id = app_office_id());