CREATE TABLE "product"."dead_letters" (
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
CREATE TABLE "product"."inbox" (
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
CREATE TABLE "product"."outbox" (
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
CREATE TABLE "product"."purchases" (
	"customer_id" text NOT NULL,
	"product_id" uuid NOT NULL,
	"order_id" text NOT NULL,
	"completed_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "purchases_customer_id_product_id_pk" PRIMARY KEY("customer_id","product_id")
);
--> statement-breakpoint
CREATE TABLE "product"."reviews" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"product_id" uuid NOT NULL,
	"customer_id" text NOT NULL,
	"author_name" text NOT NULL,
	"rating" integer NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"verified_purchase" boolean DEFAULT false NOT NULL,
	"moderated_by" text,
	"moderated_at" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "reviews_rating_range" CHECK ("product"."reviews"."rating" between 1 and 5),
	CONSTRAINT "reviews_status_known" CHECK ("product"."reviews"."status" in ('pending', 'approved', 'rejected'))
);
--> statement-breakpoint
ALTER TABLE "product"."reviews" ADD CONSTRAINT "reviews_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "product"."products"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "dead_letters_waiting_idx" ON "product"."dead_letters" USING btree ("queue","id") WHERE "product"."dead_letters"."replayed_at" is null;--> statement-breakpoint
CREATE INDEX "inbox_pending_idx" ON "product"."inbox" USING btree ("consumer","next_attempt_at") WHERE "product"."inbox"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "inbox_processed_at_idx" ON "product"."inbox" USING btree ("processed_at");--> statement-breakpoint
CREATE UNIQUE INDEX "outbox_event_id_key" ON "product"."outbox" USING btree ("event_id");--> statement-breakpoint
CREATE UNIQUE INDEX "outbox_aggregate_sequence_key" ON "product"."outbox" USING btree ("aggregate_id","sequence");--> statement-breakpoint
CREATE INDEX "outbox_unpublished_idx" ON "product"."outbox" USING btree ("id") WHERE "product"."outbox"."published_at" is null;--> statement-breakpoint
CREATE INDEX "outbox_published_at_idx" ON "product"."outbox" USING btree ("published_at");--> statement-breakpoint
CREATE UNIQUE INDEX "reviews_product_customer_key" ON "product"."reviews" USING btree ("product_id","customer_id");--> statement-breakpoint
CREATE INDEX "reviews_product_status_created_idx" ON "product"."reviews" USING btree ("product_id","status","created_at","id");--> statement-breakpoint
CREATE INDEX "reviews_status_created_idx" ON "product"."reviews" USING btree ("status","created_at","id");