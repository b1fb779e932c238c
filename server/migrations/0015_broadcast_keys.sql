-- The unique key first: the recipients' composite key refers to it.
ALTER TABLE "broadcasts" ADD CONSTRAINT "broadcasts_office_id_unique" UNIQUE("office_id","id");--> statement-breakpoint
ALTER TABLE "broadcast_recipients" DROP CONSTRAINT "broadcast_recipients_broadcast_id_broadcasts_id_fk";
--> statement-breakpoint
ALTER TABLE "broadcast_recipients" DROP CONSTRAINT "broadcast_recipients_company_id_companies_id_fk";
--> statement-breakpoint
ALTER TABLE "broadcast_recipients" ADD CONSTRAINT "broadcast_recipients_message_id_messages_id_fk" FOREIGN KEY ("message_id") REFERENCES "public"."messages"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "broadcast_recipients" ADD CONSTRAINT "broadcast_recipients_read_by_users_id_fk" FOREIGN KEY ("read_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "broadcast_recipients" ADD CONSTRAINT "broadcast_recipients_office_id_broadcast_id_broadcasts_office_id_id_fk" FOREIGN KEY ("office_id","broadcast_id") REFERENCES "public"."broadcasts"("office_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "broadcast_recipients" ADD CONSTRAINT "broadcast_recipients_office_id_company_id_companies_office_id_id_fk" FOREIGN KEY ("office_id","company_id") REFERENCES "public"."companies"("office_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "broadcast_recipients" ADD CONSTRAINT "broadcast_recipients_office_id_conversation_id_conversations_office_id_id_fk" FOREIGN KEY ("office_id","conversation_id") REFERENCES "public"."conversations"("office_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "broadcasts" ADD CONSTRAINT "broadcasts_office_id_channel_id_channels_office_id_id_fk" FOREIGN KEY ("office_id","channel_id") REFERENCES "public"."channels"("office_id","id") ON DELETE no action ON UPDATE no action;
