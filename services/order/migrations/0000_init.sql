CREATE SCHEMA IF NOT EXISTS "orders";
--> statement-breakpoint
CREATE SEQUENCE "orders"."order_number_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1;--> statement-breakpoint
CREATE TABLE "orders"."order_lines" (
	"order_id" uuid NOT NULL,
	"sku" text NOT NULL,
	"product_id" text NOT NULL,
	"title" text NOT NULL,
	"unit_price_minor" bigint NOT NULL,
	"quantity" integer NOT NULL,
	"line_total_minor" bigint NOT NULL,
	CONSTRAINT "order_lines_order_id_sku_pk" PRIMARY KEY("order_id","sku"),
	CONSTRAINT "order_lines_quantity_positive" CHECK ("orders"."order_lines"."quantity" > 0),
	CONSTRAINT "order_lines_price_not_negative" CHECK ("orders"."order_lines"."unit_price_minor" >= 0),
	CONSTRAINT "order_lines_total_balances" CHECK ("orders"."order_lines"."line_total_minor" = "orders"."order_lines"."unit_price_minor" * "orders"."order_lines"."quantity")
);
--> statement-breakpoint
CREATE TABLE "orders"."order_status_history" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "orders"."order_status_history_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"order_id" uuid NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"actor" text NOT NULL,
	"reason" text,
	"at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "order_status_history_statuses_known" CHECK ("orders"."order_status_history"."to_status" in ('pending_payment', 'paid', 'fulfilled', 'completed', 'cancelled', 'refunded', 'partially_refunded') and ("orders"."order_status_history"."from_status" is null or "orders"."order_status_history"."from_status" in ('pending_payment', 'paid', 'fulfilled', 'completed', 'cancelled', 'refunded', 'partially_refunded')))
);
--> statement-breakpoint
CREATE TABLE "orders"."orders" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"number" text NOT NULL,
	"customer_id" uuid,
	"email" text NOT NULL,
	"status" text DEFAULT 'pending_payment' NOT NULL,
	"currency" text NOT NULL,
	"subtotal_minor" bigint NOT NULL,
	"shipping_minor" bigint NOT NULL,
	"tax_minor" bigint NOT NULL,
	"discount_minor" bigint NOT NULL,
	"total_minor" bigint NOT NULL,
	"shipping_address" jsonb NOT NULL,
	"idempotency_key" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "orders_status_known" CHECK ("orders"."orders"."status" in ('pending_payment', 'paid', 'fulfilled', 'completed', 'cancelled', 'refunded', 'partially_refunded')),
	CONSTRAINT "orders_currency_iso4217" CHECK ("orders"."orders"."currency" ~ '^[A-Z]{3}$'),
	CONSTRAINT "orders_email_lower_case" CHECK ("orders"."orders"."email" = lower("orders"."orders"."email")),
	CONSTRAINT "orders_amounts_not_negative" CHECK ("orders"."orders"."subtotal_minor" >= 0 and "orders"."orders"."shipping_minor" >= 0 and "orders"."orders"."tax_minor" >= 0 and "orders"."orders"."discount_minor" >= 0 and "orders"."orders"."discount_minor" <= "orders"."orders"."subtotal_minor"),
	CONSTRAINT "orders_total_balances" CHECK ("orders"."orders"."total_minor" = "orders"."orders"."subtotal_minor" - "orders"."orders"."discount_minor" + "orders"."orders"."shipping_minor" + "orders"."orders"."tax_minor")
);
--> statement-breakpoint
ALTER TABLE "orders"."order_lines" ADD CONSTRAINT "order_lines_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "orders"."orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "orders"."order_status_history" ADD CONSTRAINT "order_status_history_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "orders"."orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "order_status_history_order_idx" ON "orders"."order_status_history" USING btree ("order_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "orders_number_key" ON "orders"."orders" USING btree ("number");--> statement-breakpoint
CREATE UNIQUE INDEX "orders_idempotency_key_key" ON "orders"."orders" USING btree ("idempotency_key");--> statement-breakpoint
CREATE INDEX "orders_created_at_id_idx" ON "orders"."orders" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "orders_customer_created_at_idx" ON "orders"."orders" USING btree ("customer_id","created_at","id");--> statement-breakpoint
CREATE INDEX "orders_email_idx" ON "orders"."orders" USING btree ("email");--> statement-breakpoint
CREATE INDEX "orders_status_created_at_idx" ON "orders"."orders" USING btree ("status","created_at","id");