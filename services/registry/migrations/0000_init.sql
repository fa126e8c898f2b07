CREATE SCHEMA IF NOT EXISTS "registry";
--> statement-breakpoint
CREATE TABLE "registry"."instances" (
	"id" uuid PRIMARY KEY NOT NULL,
	"service" text NOT NULL,
	"url" text NOT NULL,
	"metadata" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"status" text NOT NULL,
	"registered_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"last_heartbeat_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"lease_seconds" integer NOT NULL,
	"last_check_at" timestamp (3) with time zone,
	"last_check_error" text,
	"check_failures" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "instances_status_known" CHECK ("registry"."instances"."status" in ('starting', 'up', 'down')),
	CONSTRAINT "instances_lease_positive" CHECK ("registry"."instances"."lease_seconds" > 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX "instances_service_url_key" ON "registry"."instances" USING btree ("service","url");--> statement-breakpoint
CREATE INDEX "instances_service_status_idx" ON "registry"."instances" USING btree ("service","status");