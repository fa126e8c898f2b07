CREATE SCHEMA IF NOT EXISTS "search";
--> statement-breakpoint
CREATE TABLE "search"."documents" (
	"product_id" uuid PRIMARY KEY NOT NULL,
	"slug" text NOT NULL,
	"title" text NOT NULL,
	"description" text NOT NULL,
	"brand" text,
	"category_slugs" text[] NOT NULL,
	"tags" text[] NOT NULL,
	"price_min_minor" integer NOT NULL,
	"price_max_minor" integer NOT NULL,
	"currency" char(3) NOT NULL,
	"in_stock" boolean NOT NULL,
	"rating" real DEFAULT 0 NOT NULL,
	"popularity" integer DEFAULT 0 NOT NULL,
	"image_url" text,
	"attributes" jsonb NOT NULL,
	"search_vector" "tsvector" NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "search"."queries" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "search"."queries_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"q" text NOT NULL,
	"filters" jsonb NOT NULL,
	"sort" text NOT NULL,
	"match_mode" text NOT NULL,
	"result_count" integer NOT NULL,
	"latency_ms" integer NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "documents_search_vector_idx" ON "search"."documents" USING gin ("search_vector");--> statement-breakpoint
CREATE INDEX "documents_title_trgm_idx" ON "search"."documents" USING gin ("title" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "documents_category_slugs_idx" ON "search"."documents" USING gin ("category_slugs");--> statement-breakpoint
CREATE INDEX "documents_price_idx" ON "search"."documents" USING btree ("price_min_minor","product_id");--> statement-breakpoint
CREATE INDEX "documents_created_idx" ON "search"."documents" USING btree ("created_at","product_id");--> statement-breakpoint
CREATE INDEX "queries_created_idx" ON "search"."queries" USING btree ("created_at");