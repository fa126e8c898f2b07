CREATE TABLE "inventory"."movements" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"sku" text NOT NULL,
	"warehouse_id" text NOT NULL,
	"on_hand_delta" integer NOT NULL,
	"reserved_delta" integer NOT NULL,
	"reason" text NOT NULL,
	"actor" text NOT NULL,
	"reference" text,
	"note" text,
	"at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "movements_reason_known" CHECK ("inventory"."movements"."reason" in ('set', 'adjust', 'receive', 'reserve', 'release', 'commit', 'expire'))
);
--> statement-breakpoint
CREATE TABLE "inventory"."reservation_allocations" (
	"order_id" text NOT NULL,
	"sku" text NOT NULL,
	"warehouse_id" text NOT NULL,
	"quantity" integer NOT NULL,
	CONSTRAINT "reservation_allocations_order_id_sku_warehouse_id_pk" PRIMARY KEY("order_id","sku","warehouse_id"),
	CONSTRAINT "reservation_allocations_quantity_positive" CHECK ("inventory"."reservation_allocations"."quantity" > 0)
);
--> statement-breakpoint
CREATE TABLE "inventory"."reservations" (
	"order_id" text PRIMARY KEY NOT NULL,
	"id" uuid NOT NULL,
	"status" text NOT NULL,
	"requested_lines" jsonb NOT NULL,
	"expires_at" timestamp (3) with time zone NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"closed_at" timestamp (3) with time zone,
	"release_reason" text,
	CONSTRAINT "reservations_id_unique" UNIQUE("id"),
	CONSTRAINT "reservations_status_known" CHECK ("inventory"."reservations"."status" in ('held', 'committed', 'released', 'expired'))
);
--> statement-breakpoint
ALTER TABLE "inventory"."stock_levels" ADD COLUMN "low_stock_announced" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "inventory"."stock_levels" ADD COLUMN "out_of_stock_announced" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "inventory"."reservation_allocations" ADD CONSTRAINT "reservation_allocations_order_id_reservations_order_id_fk" FOREIGN KEY ("order_id") REFERENCES "inventory"."reservations"("order_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "movements_sku_idx" ON "inventory"."movements" USING btree ("sku","id");--> statement-breakpoint
CREATE INDEX "reservations_held_expiry_idx" ON "inventory"."reservations" USING btree ("expires_at") WHERE "inventory"."reservations"."status" = 'held';--> statement-breakpoint
CREATE INDEX "stock_levels_low_idx" ON "inventory"."stock_levels" USING btree ("sku","warehouse_id") WHERE "inventory"."stock_levels"."on_hand" - "inventory"."stock_levels"."reserved" <= "inventory"."stock_levels"."low_stock_threshold";