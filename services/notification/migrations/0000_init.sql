CREATE SCHEMA IF NOT EXISTS "notification";
--> statement-breakpoint
CREATE TABLE "notification"."deliveries" (
	"id" uuid PRIMARY KEY NOT NULL,
	"channel" text NOT NULL,
	"recipient" text NOT NULL,
	"template" text NOT NULL,
	"locale" text NOT NULL,
	"subject" text,
	"status" text DEFAULT 'queued' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"error" text,
	"event_id" uuid,
	"user_id" uuid,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone,
	CONSTRAINT "deliveries_channel" CHECK ("notification"."deliveries"."channel" in ('email', 'sms', 'push', 'websocket')),
	CONSTRAINT "deliveries_status" CHECK ("notification"."deliveries"."status" in ('queued', 'sent', 'failed')),
	CONSTRAINT "deliveries_attempts" CHECK ("notification"."deliveries"."attempts" >= 0)
);
--> statement-breakpoint
CREATE TABLE "notification"."preferences" (
	"user_id" uuid NOT NULL,
	"channel" text NOT NULL,
	"category" text NOT NULL,
	"enabled" boolean NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "preferences_user_id_channel_category_pk" PRIMARY KEY("user_id","channel","category"),
	CONSTRAINT "preferences_channel" CHECK ("notification"."preferences"."channel" in ('email', 'sms', 'push', 'websocket')),
	CONSTRAINT "preferences_category" CHECK ("notification"."preferences"."category" in ('transactional', 'marketing', 'alerts')),
	CONSTRAINT "preferences_transactional_email" CHECK (not ("notification"."preferences"."channel" = 'email' and "notification"."preferences"."category" = 'transactional' and not "notification"."preferences"."enabled"))
);
--> statement-breakpoint
CREATE TABLE "notification"."push_subscriptions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"endpoint" text NOT NULL,
	"keys" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "push_subscriptions_endpoint_unique" UNIQUE("endpoint")
);
--> statement-breakpoint
CREATE UNIQUE INDEX "deliveries_event_once" ON "notification"."deliveries" USING btree ("event_id","channel","template") WHERE "notification"."deliveries"."event_id" is not null;--> statement-breakpoint
CREATE INDEX "deliveries_outbox_idx" ON "notification"."deliveries" USING btree ("created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "deliveries_channel_outbox_idx" ON "notification"."deliveries" USING btree ("channel","created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "deliveries_user_idx" ON "notification"."deliveries" USING btree ("user_id","created_at") WHERE "notification"."deliveries"."user_id" is not null;--> statement-breakpoint
CREATE INDEX "push_subscriptions_user_idx" ON "notification"."push_subscriptions" USING btree ("user_id");