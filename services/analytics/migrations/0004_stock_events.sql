CREATE TABLE "analytics"."fact_stock_events" (
	"event_id" text NOT NULL,
	"sku" text NOT NULL,
	"warehouse_id" text NOT NULL,
	"kind" text NOT NULL,
	"order_id" text,
	"quantity" integer,
	"available" integer,
	"at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "fact_stock_events_event_id_sku_warehouse_id_pk" PRIMARY KEY("event_id","sku","warehouse_id")
);
--> statement-breakpoint
CREATE INDEX "fact_stock_events_sku_idx" ON "analytics"."fact_stock_events" USING btree ("sku","at");--> statement-breakpoint
CREATE VIEW "analytics_bi"."stock_events" AS (select event_id, kind, sku, nullif(warehouse_id, '') as warehouse_id, order_id, quantity,
      available, at from analytics.fact_stock_events);