ALTER TABLE "companies" ADD COLUMN "siret" text;--> statement-breakpoint
ALTER TABLE "companies" ADD COLUMN "registry" jsonb;--> statement-breakpoint
ALTER TABLE "portfolio_import_rows" ADD COLUMN "warnings" jsonb;--> statement-breakpoint
ALTER TABLE "portfolio_imports" ADD COLUMN "source" "bytea";--> statement-breakpoint
ALTER TABLE "portfolio_imports" ADD COLUMN "reading" jsonb;