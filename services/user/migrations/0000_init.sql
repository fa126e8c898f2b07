CREATE SCHEMA IF NOT EXISTS "user";
--> statement-breakpoint
CREATE TABLE "user"."users" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"email" text NOT NULL,
	"email_verified_at" timestamp (3) with time zone,
	"password_hash" text,
	"name" text NOT NULL,
	"roles" text[] DEFAULT '{customer}'::text[] NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "users_email_lower_case" CHECK ("user"."users"."email" = lower("user"."users"."email")),
	CONSTRAINT "users_status_known" CHECK ("user"."users"."status" in ('active', 'deleted'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX "users_email_key" ON "user"."users" USING btree ("email");--> statement-breakpoint
CREATE INDEX "users_created_at_id_idx" ON "user"."users" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "users_roles_idx" ON "user"."users" USING gin ("roles");