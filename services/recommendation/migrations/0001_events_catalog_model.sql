CREATE TABLE "recommendation"."catalog_products" (
	"product_id" uuid PRIMARY KEY NOT NULL,
	"title" text NOT NULL,
	"description" text NOT NULL,
	"brand" text,
	"category" text NOT NULL,
	"tags" text NOT NULL,
	"skus" text[] NOT NULL,
	"status" text NOT NULL,
	"source_updated_at" timestamp with time zone NOT NULL,
	"available" boolean DEFAULT true NOT NULL,
	CONSTRAINT "catalog_products_status" CHECK ("recommendation"."catalog_products"."status" in ('draft', 'active', 'archived', 'deleted'))
);
--> statement-breakpoint
CREATE TABLE "recommendation"."dead_letters" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"consumer" text NOT NULL,
	"queue" text NOT NULL,
	"event_id" text,
	"event_type" text,
	"reason" text NOT NULL,
	"error" text NOT NULL,
	"attempts" integer NOT NULL,
	"payload" text NOT NULL,
	"dead_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"replayed_at" timestamp (3) with time zone
);
--> statement-breakpoint
CREATE TABLE "recommendation"."inbox" (
	"consumer" text NOT NULL,
	"event_id" text NOT NULL,
	"event_type" text NOT NULL,
	"status" text NOT NULL,
	"envelope" jsonb,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"last_error" text,
	"received_at" timestamp (3) with time zone DEFAULT clock_timestamp() NOT NULL,
	"processed_at" timestamp (3) with time zone,
	CONSTRAINT "inbox_consumer_event_id_pk" PRIMARY KEY("consumer","event_id")
);
--> statement-breakpoint
CREATE TABLE "recommendation"."model_backlog" (
	"product_id" uuid NOT NULL,
	"model" text NOT NULL,
	"queued_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "model_backlog_product_id_model_pk" PRIMARY KEY("product_id","model"),
	CONSTRAINT "model_backlog_model" CHECK ("recommendation"."model_backlog"."model" in ('behaviour', 'content'))
);
--> statement-breakpoint
CREATE TABLE "recommendation"."outbox" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"event_id" uuid NOT NULL,
	"event_type" text NOT NULL,
	"aggregate_id" text NOT NULL,
	"sequence" integer NOT NULL,
	"envelope" jsonb NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp (3) with time zone,
	"claimed_until" timestamp (3) with time zone,
	"last_error" text,
	"published_at" timestamp (3) with time zone
);
--> statement-breakpoint
CREATE TABLE "recommendation"."sku_stock" (
	"sku" text PRIMARY KEY NOT NULL,
	"total_available" integer NOT NULL,
	"source_updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "recommendation"."behaviour_events" ADD COLUMN "source" text;--> statement-breakpoint
CREATE INDEX "catalog_products_unavailable_idx" ON "recommendation"."catalog_products" USING btree ("product_id") WHERE not "recommendation"."catalog_products"."available";--> statement-breakpoint
CREATE INDEX "catalog_products_skus_idx" ON "recommendation"."catalog_products" USING gin ("skus");--> statement-breakpoint
CREATE INDEX "dead_letters_waiting_idx" ON "recommendation"."dead_letters" USING btree ("queue","id") WHERE "recommendation"."dead_letters"."replayed_at" is null;--> statement-breakpoint
CREATE INDEX "inbox_pending_idx" ON "recommendation"."inbox" USING btree ("consumer","next_attempt_at") WHERE "recommendation"."inbox"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "inbox_processed_at_idx" ON "recommendation"."inbox" USING btree ("processed_at");--> statement-breakpoint
CREATE UNIQUE INDEX "outbox_event_id_key" ON "recommendation"."outbox" USING btree ("event_id");--> statement-breakpoint
CREATE UNIQUE INDEX "outbox_aggregate_sequence_key" ON "recommendation"."outbox" USING btree ("aggregate_id","sequence");--> statement-breakpoint
CREATE INDEX "outbox_unpublished_idx" ON "recommendation"."outbox" USING btree ("id") WHERE "recommendation"."outbox"."published_at" is null;--> statement-breakpoint
CREATE INDEX "outbox_published_at_idx" ON "recommendation"."outbox" USING btree ("published_at");--> statement-breakpoint
CREATE UNIQUE INDEX "behaviour_events_source_idx" ON "recommendation"."behaviour_events" USING btree ("source") WHERE "recommendation"."behaviour_events"."source" is not null;