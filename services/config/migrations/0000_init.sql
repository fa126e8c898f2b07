CREATE SCHEMA IF NOT EXISTS "config";
--> statement-breakpoint
CREATE TABLE "config"."documents" (
	"service" text NOT NULL,
	"profile" text NOT NULL,
	"version" integer NOT NULL,
	"content" jsonb NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"created_by" text NOT NULL,
	"comment" text,
	CONSTRAINT "documents_service_profile_version_pk" PRIMARY KEY("service","profile","version"),
	CONSTRAINT "documents_profile_known" CHECK ("config"."documents"."profile" in ('development', 'staging', 'production')),
	CONSTRAINT "documents_version_positive" CHECK ("config"."documents"."version" > 0)
);
