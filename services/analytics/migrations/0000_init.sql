CREATE SCHEMA IF NOT EXISTS "analytics";
--> statement-breakpoint
CREATE TABLE "analytics"."fact_behaviour" (
	"event_id" uuid PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"product_id" uuid,
	"session_id" text NOT NULL,
	"user_id" uuid,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "analytics"."fact_order_lines" (
	"order_id" uuid NOT NULL,
	"sku" text NOT NULL,
	"product_id" uuid NOT NULL,
	"category_slug" text,
	"quantity" integer NOT NULL,
	"revenue_minor" bigint NOT NULL,
	CONSTRAINT "fact_order_lines_order_id_sku_pk" PRIMARY KEY("order_id","sku"),
	CONSTRAINT "fact_order_lines_amounts" CHECK ("analytics"."fact_order_lines"."quantity" > 0 and "analytics"."fact_order_lines"."revenue_minor" >= 0)
);
--> statement-breakpoint
CREATE TABLE "analytics"."fact_orders" (
	"order_id" uuid PRIMARY KEY NOT NULL,
	"customer_id" uuid,
	"placed_at" timestamp with time zone NOT NULL,
	"status" text NOT NULL,
	"currency" text NOT NULL,
	"total_minor" bigint NOT NULL,
	"items_count" integer NOT NULL,
	"first_order" boolean NOT NULL,
	CONSTRAINT "fact_orders_currency" CHECK ("analytics"."fact_orders"."currency" ~ '^[A-Z]{3}$'),
	CONSTRAINT "fact_orders_amounts" CHECK ("analytics"."fact_orders"."total_minor" >= 0 and "analytics"."fact_orders"."items_count" >= 0)
);
--> statement-breakpoint
CREATE TABLE "analytics"."fact_payments" (
	"payment_id" uuid PRIMARY KEY NOT NULL,
	"order_id" uuid NOT NULL,
	"provider" text NOT NULL,
	"status" text NOT NULL,
	"currency" text NOT NULL,
	"amount_minor" bigint NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	CONSTRAINT "fact_payments_currency" CHECK ("analytics"."fact_payments"."currency" ~ '^[A-Z]{3}$')
);
--> statement-breakpoint
CREATE TABLE "analytics"."fact_refunds" (
	"refund_id" uuid PRIMARY KEY NOT NULL,
	"payment_id" uuid NOT NULL,
	"order_id" uuid NOT NULL,
	"currency" text NOT NULL,
	"amount_minor" bigint NOT NULL,
	"refunded_at" timestamp with time zone NOT NULL,
	CONSTRAINT "fact_refunds_currency" CHECK ("analytics"."fact_refunds"."currency" ~ '^[A-Z]{3}$'),
	CONSTRAINT "fact_refunds_amount" CHECK ("analytics"."fact_refunds"."amount_minor" > 0)
);
--> statement-breakpoint
CREATE TABLE "analytics"."fact_searches" (
	"event_id" uuid PRIMARY KEY NOT NULL,
	"q" text NOT NULL,
	"result_count" integer NOT NULL,
	"clicked_product_id" uuid,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "analytics"."fact_users" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"registered_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "fact_behaviour_at_idx" ON "analytics"."fact_behaviour" USING btree ("at","kind");--> statement-breakpoint
CREATE INDEX "fact_behaviour_session_idx" ON "analytics"."fact_behaviour" USING btree ("session_id");--> statement-breakpoint
CREATE INDEX "fact_order_lines_product_idx" ON "analytics"."fact_order_lines" USING btree ("product_id");--> statement-breakpoint
CREATE INDEX "fact_orders_placed_idx" ON "analytics"."fact_orders" USING btree ("placed_at");--> statement-breakpoint
CREATE INDEX "fact_orders_customer_idx" ON "analytics"."fact_orders" USING btree ("customer_id","placed_at");--> statement-breakpoint
CREATE INDEX "fact_payments_occurred_idx" ON "analytics"."fact_payments" USING btree ("occurred_at");--> statement-breakpoint
CREATE INDEX "fact_payments_order_idx" ON "analytics"."fact_payments" USING btree ("order_id");--> statement-breakpoint
CREATE INDEX "fact_refunds_refunded_idx" ON "analytics"."fact_refunds" USING btree ("refunded_at");--> statement-breakpoint
CREATE INDEX "fact_refunds_order_idx" ON "analytics"."fact_refunds" USING btree ("order_id");--> statement-breakpoint
CREATE INDEX "fact_searches_at_idx" ON "analytics"."fact_searches" USING btree ("at");--> statement-breakpoint
CREATE INDEX "fact_users_registered_idx" ON "analytics"."fact_users" USING btree ("registered_at");