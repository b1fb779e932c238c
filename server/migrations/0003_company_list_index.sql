DROP INDEX "companies_office_name_idx";--> statement-breakpoint
CREATE INDEX "companies_office_name_idx" ON "companies" USING btree ("office_id","name","id");