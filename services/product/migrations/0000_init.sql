CREATE SCHEMA IF NOT EXISTS "product";
--> statement-breakpoint
CREATE TABLE "product"."categories" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"slug" text NOT NULL,
	"name" text NOT NULL,
	"parent_id" uuid,
	"path" text[] NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "categories_slug_unique" UNIQUE("slug")
);
--> statement-breakpoint
CREATE TABLE "product"."product_skus" (
	"sku" text PRIMARY KEY NOT NULL,
	"product_id" uuid NOT NULL
);
--> statement-breakpoint
CREATE TABLE "product"."products" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"slug" text NOT NULL,
	"status" text NOT NULL,
	"category_id" uuid,
	"document" jsonb NOT NULL,
	"price_min_minor" integer NOT NULL,
	"currency" char(3) NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "products_slug_unique" UNIQUE("slug"),
	CONSTRAINT "products_status_known" CHECK ("product"."products"."status" in ('draft', 'active', 'archived')),
	CONSTRAINT "products_price_not_negative" CHECK ("product"."products"."price_min_minor" >= 0)
);
--> statement-breakpoint
ALTER TABLE "product"."categories" ADD CONSTRAINT "categories_parent_id_categories_id_fk" FOREIGN KEY ("parent_id") REFERENCES "product"."categories"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "product"."product_skus" ADD CONSTRAINT "product_skus_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "product"."products"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "product"."products" ADD CONSTRAINT "products_category_id_categories_id_fk" FOREIGN KEY ("category_id") REFERENCES "product"."categories"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "product_skus_product_idx" ON "product"."product_skus" USING btree ("product_id");--> statement-breakpoint
CREATE INDEX "products_status_created_idx" ON "product"."products" USING btree ("status","created_at","id");--> statement-breakpoint
CREATE INDEX "products_status_price_idx" ON "product"."products" USING btree ("status","price_min_minor","id");--> statement-breakpoint
CREATE INDEX "products_category_idx" ON "product"."products" USING btree ("category_id");