CREATE SCHEMA IF NOT EXISTS "recommendation";
--> statement-breakpoint
CREATE TABLE "recommendation"."behaviour_events" (
	"id" uuid PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"product_id" uuid,
	"query" text,
	"user_id" uuid,
	"session_id" text NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "behaviour_events_kind" CHECK ("recommendation"."behaviour_events"."kind" in ('view', 'search', 'add_to_cart', 'purchase')),
	CONSTRAINT "behaviour_events_subject" CHECK (("recommendation"."behaviour_events"."kind" = 'search' and "recommendation"."behaviour_events"."query" is not null) or ("recommendation"."behaviour_events"."kind" <> 'search' and "recommendation"."behaviour_events"."product_id" is not null))
);
--> statement-breakpoint
CREATE TABLE "recommendation"."item_neighbours" (
	"product_id" uuid NOT NULL,
	"neighbour_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"score" double precision NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "item_neighbours_product_id_neighbour_id_kind_pk" PRIMARY KEY("product_id","neighbour_id","kind"),
	CONSTRAINT "item_neighbours_kind" CHECK ("recommendation"."item_neighbours"."kind" in ('co_view', 'co_purchase', 'content')),
	CONSTRAINT "item_neighbours_not_self" CHECK ("recommendation"."item_neighbours"."product_id" <> "recommendation"."item_neighbours"."neighbour_id")
);
--> statement-breakpoint
CREATE TABLE "recommendation"."product_popularity" (
	"product_id" uuid PRIMARY KEY NOT NULL,
	"score" double precision NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "behaviour_events_user_idx" ON "recommendation"."behaviour_events" USING btree ("user_id","occurred_at") WHERE "recommendation"."behaviour_events"."user_id" is not null;--> statement-breakpoint
CREATE INDEX "behaviour_events_session_idx" ON "recommendation"."behaviour_events" USING btree ("session_id","occurred_at");--> statement-breakpoint
CREATE INDEX "behaviour_events_product_idx" ON "recommendation"."behaviour_events" USING btree ("product_id","occurred_at") WHERE "recommendation"."behaviour_events"."product_id" is not null;--> statement-breakpoint
CREATE INDEX "behaviour_events_occurred_idx" ON "recommendation"."behaviour_events" USING btree ("occurred_at");--> statement-breakpoint
CREATE INDEX "item_neighbours_ranked_idx" ON "recommendation"."item_neighbours" USING btree ("product_id","kind","score" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "product_popularity_score_idx" ON "recommendation"."product_popularity" USING btree ("score" DESC NULLS LAST);