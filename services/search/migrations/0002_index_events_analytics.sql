CREATE TABLE "search"."categories" (
	"slug" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"path" text[] NOT NULL
);
--> statement-breakpoint
CREATE TABLE "search"."clicks" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "search"."clicks_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"query_id" bigint NOT NULL,
	"product_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "clicks_position_positive" CHECK ("search"."clicks"."position" >= 1)
);
--> statement-breakpoint
CREATE TABLE "search"."dead_letters" (
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
CREATE TABLE "search"."hidden_products" (
	"product_id" uuid PRIMARY KEY NOT NULL,
	"hidden_as_of" timestamp (3) with time zone NOT NULL,
	"reason" text NOT NULL,
	"received_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "search"."inbox" (
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
CREATE TABLE "search"."index_rebuilds" (
	"id" integer PRIMARY KEY NOT NULL,
	"started_at" timestamp (3) with time zone NOT NULL,
	"building_until" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "index_rebuilds_single_row" CHECK ("search"."index_rebuilds"."id" = 1)
);
--> statement-breakpoint
CREATE TABLE "search"."outbox" (
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
CREATE TABLE "search"."popular_queries" (
	"query" text PRIMARY KEY NOT NULL,
	"searches" integer NOT NULL,
	"last_result_count" integer NOT NULL,
	"last_searched_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "search"."product_skus" (
	"sku" text PRIMARY KEY NOT NULL,
	"product_id" uuid NOT NULL
);
--> statement-breakpoint
CREATE TABLE "search"."sku_availability" (
	"sku" text PRIMARY KEY NOT NULL,
	"total_available" integer NOT NULL,
	"source_updated_at" timestamp (3) with time zone NOT NULL,
	"received_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "search"."synonym_rules" (
	"position" integer PRIMARY KEY NOT NULL,
	"terms" text[] NOT NULL,
	"expands_to" text[]
);
--> statement-breakpoint
ALTER TABLE "search"."documents" ADD COLUMN "category_names" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "search"."documents" ADD COLUMN "skus" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "search"."documents" ADD COLUMN "tags_vector" "tsvector" DEFAULT ''::tsvector NOT NULL;--> statement-breakpoint
ALTER TABLE "search"."documents" ADD COLUMN "source_updated_at" timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "search"."clicks" ADD CONSTRAINT "clicks_query_id_queries_id_fk" FOREIGN KEY ("query_id") REFERENCES "search"."queries"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "clicks_query_idx" ON "search"."clicks" USING btree ("query_id");--> statement-breakpoint
CREATE INDEX "clicks_created_idx" ON "search"."clicks" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "dead_letters_waiting_idx" ON "search"."dead_letters" USING btree ("queue","id") WHERE "search"."dead_letters"."replayed_at" is null;--> statement-breakpoint
CREATE INDEX "inbox_pending_idx" ON "search"."inbox" USING btree ("consumer","next_attempt_at") WHERE "search"."inbox"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "inbox_processed_at_idx" ON "search"."inbox" USING btree ("processed_at");--> statement-breakpoint
CREATE UNIQUE INDEX "outbox_event_id_key" ON "search"."outbox" USING btree ("event_id");--> statement-breakpoint
CREATE UNIQUE INDEX "outbox_aggregate_sequence_key" ON "search"."outbox" USING btree ("aggregate_id","sequence");--> statement-breakpoint
CREATE INDEX "outbox_unpublished_idx" ON "search"."outbox" USING btree ("id") WHERE "search"."outbox"."published_at" is null;--> statement-breakpoint
CREATE INDEX "outbox_published_at_idx" ON "search"."outbox" USING btree ("published_at");--> statement-breakpoint
CREATE INDEX "popular_queries_prefix_idx" ON "search"."popular_queries" USING btree ("query" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "product_skus_product_idx" ON "search"."product_skus" USING btree ("product_id");--> statement-breakpoint
CREATE INDEX "documents_title_prefix_idx" ON "search"."documents" USING btree (lower("title") text_pattern_ops);--> statement-breakpoint
CREATE INDEX "documents_attributes_idx" ON "search"."documents" USING gin ("attributes" jsonb_path_ops);--> statement-breakpoint
CREATE INDEX "documents_rating_idx" ON "search"."documents" USING btree ("rating","product_id");