CREATE TABLE "analytics"."dead_letters" (
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
CREATE TABLE "analytics"."dim_products" (
	"product_id" text PRIMARY KEY NOT NULL,
	"title" text NOT NULL,
	"category_slug" text,
	"brand" text,
	"version_at" timestamp (3) with time zone NOT NULL,
	"deleted_at" timestamp (3) with time zone
);
--> statement-breakpoint
CREATE TABLE "analytics"."fact_behaviour" (
	"event_id" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"visitor_key" text NOT NULL,
	"user_id" text,
	"session_id" text,
	"product_id" text,
	"sku" text,
	"query" text,
	"at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "analytics"."fact_order_lines" (
	"order_id" text NOT NULL,
	"sku" text NOT NULL,
	"product_id" text NOT NULL,
	"title" text NOT NULL,
	"category_slug" text,
	"quantity" integer NOT NULL,
	"unit_price_minor" bigint NOT NULL,
	"revenue_minor" bigint NOT NULL,
	CONSTRAINT "fact_order_lines_order_id_sku_pk" PRIMARY KEY("order_id","sku"),
	CONSTRAINT "fact_order_lines_amounts" CHECK ("analytics"."fact_order_lines"."quantity" > 0 and "analytics"."fact_order_lines"."revenue_minor" >= 0)
);
--> statement-breakpoint
CREATE TABLE "analytics"."fact_orders" (
	"order_id" text PRIMARY KEY NOT NULL,
	"number" text,
	"customer_id" text,
	"customer_key" text NOT NULL,
	"currency" text,
	"total_minor" bigint,
	"items_count" integer,
	"status" text NOT NULL,
	"status_at" timestamp (3) with time zone NOT NULL,
	"placed_at" timestamp (3) with time zone,
	"paid_at" timestamp (3) with time zone,
	"cancelled_at" timestamp (3) with time zone,
	"completed_at" timestamp (3) with time zone,
	CONSTRAINT "fact_orders_currency" CHECK ("analytics"."fact_orders"."currency" is null or "analytics"."fact_orders"."currency" ~ '^[A-Z]{3}$'),
	CONSTRAINT "fact_orders_amounts" CHECK ("analytics"."fact_orders"."total_minor" >= 0 and "analytics"."fact_orders"."items_count" >= 0)
);
--> statement-breakpoint
CREATE TABLE "analytics"."fact_payments" (
	"payment_id" text PRIMARY KEY NOT NULL,
	"order_id" text NOT NULL,
	"customer_id" text,
	"provider" text NOT NULL,
	"status" text NOT NULL,
	"currency" text NOT NULL,
	"amount_minor" bigint NOT NULL,
	"initiated_at" timestamp (3) with time zone,
	"completed_at" timestamp (3) with time zone,
	"failed_at" timestamp (3) with time zone,
	"failure_code" text,
	CONSTRAINT "fact_payments_currency" CHECK ("analytics"."fact_payments"."currency" is null or "analytics"."fact_payments"."currency" ~ '^[A-Z]{3}$')
);
--> statement-breakpoint
CREATE TABLE "analytics"."fact_refunds" (
	"refund_id" text PRIMARY KEY NOT NULL,
	"payment_id" text NOT NULL,
	"order_id" text NOT NULL,
	"currency" text NOT NULL,
	"amount_minor" bigint NOT NULL,
	"full_refund" boolean NOT NULL,
	"reason" text NOT NULL,
	"refunded_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "fact_refunds_currency" CHECK ("analytics"."fact_refunds"."currency" is null or "analytics"."fact_refunds"."currency" ~ '^[A-Z]{3}$'),
	CONSTRAINT "fact_refunds_amount" CHECK ("analytics"."fact_refunds"."amount_minor" > 0)
);
--> statement-breakpoint
CREATE TABLE "analytics"."fact_search_clicks" (
	"search_id" text NOT NULL,
	"product_id" text NOT NULL,
	"position" integer NOT NULL,
	"at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "fact_search_clicks_search_id_product_id_pk" PRIMARY KEY("search_id","product_id")
);
--> statement-breakpoint
CREATE TABLE "analytics"."fact_searches" (
	"search_id" text PRIMARY KEY NOT NULL,
	"query" text NOT NULL,
	"term" text NOT NULL,
	"result_count" integer NOT NULL,
	"user_id" text,
	"session_id" text,
	"at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "analytics"."fact_users" (
	"user_id" text PRIMARY KEY NOT NULL,
	"registered_at" timestamp (3) with time zone,
	"locale" text,
	"marketing_opt_in" boolean,
	"deleted_at" timestamp (3) with time zone
);
--> statement-breakpoint
CREATE TABLE "analytics"."inbox" (
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
CREATE TABLE "analytics"."metric_scrapes" (
	"service" text NOT NULL,
	"scraped_at" timestamp (3) with time zone NOT NULL,
	"ok" boolean NOT NULL,
	"error" text,
	"requests" double precision NOT NULL,
	"errors" double precision NOT NULL,
	"buckets" jsonb NOT NULL,
	CONSTRAINT "metric_scrapes_service_scraped_at_pk" PRIMARY KEY("service","scraped_at")
);
--> statement-breakpoint
CREATE TABLE "analytics"."outbox" (
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
CREATE INDEX "dead_letters_waiting_idx" ON "analytics"."dead_letters" USING btree ("queue","id") WHERE "analytics"."dead_letters"."replayed_at" is null;--> statement-breakpoint
CREATE INDEX "fact_behaviour_at_idx" ON "analytics"."fact_behaviour" USING btree ("at","kind");--> statement-breakpoint
CREATE INDEX "fact_behaviour_visitor_idx" ON "analytics"."fact_behaviour" USING btree ("visitor_key");--> statement-breakpoint
CREATE INDEX "fact_order_lines_product_idx" ON "analytics"."fact_order_lines" USING btree ("product_id");--> statement-breakpoint
CREATE INDEX "fact_orders_placed_idx" ON "analytics"."fact_orders" USING btree ("placed_at");--> statement-breakpoint
CREATE INDEX "fact_orders_customer_idx" ON "analytics"."fact_orders" USING btree ("customer_key","placed_at");--> statement-breakpoint
CREATE INDEX "fact_payments_order_idx" ON "analytics"."fact_payments" USING btree ("order_id");--> statement-breakpoint
CREATE INDEX "fact_payments_completed_idx" ON "analytics"."fact_payments" USING btree ("completed_at");--> statement-breakpoint
CREATE INDEX "fact_refunds_refunded_idx" ON "analytics"."fact_refunds" USING btree ("refunded_at");--> statement-breakpoint
CREATE INDEX "fact_refunds_order_idx" ON "analytics"."fact_refunds" USING btree ("order_id");--> statement-breakpoint
CREATE INDEX "fact_searches_at_idx" ON "analytics"."fact_searches" USING btree ("at");--> statement-breakpoint
CREATE INDEX "fact_searches_term_idx" ON "analytics"."fact_searches" USING btree ("term");--> statement-breakpoint
CREATE INDEX "fact_users_registered_idx" ON "analytics"."fact_users" USING btree ("registered_at");--> statement-breakpoint
CREATE INDEX "inbox_pending_idx" ON "analytics"."inbox" USING btree ("consumer","next_attempt_at") WHERE "analytics"."inbox"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "inbox_processed_at_idx" ON "analytics"."inbox" USING btree ("processed_at");--> statement-breakpoint
CREATE UNIQUE INDEX "outbox_event_id_key" ON "analytics"."outbox" USING btree ("event_id");--> statement-breakpoint
CREATE UNIQUE INDEX "outbox_aggregate_sequence_key" ON "analytics"."outbox" USING btree ("aggregate_id","sequence");--> statement-breakpoint
CREATE INDEX "outbox_unpublished_idx" ON "analytics"."outbox" USING btree ("id") WHERE "analytics"."outbox"."published_at" is null;--> statement-breakpoint
CREATE INDEX "outbox_published_at_idx" ON "analytics"."outbox" USING btree ("published_at");