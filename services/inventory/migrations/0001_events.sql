CREATE TABLE "inventory"."dead_letters" (
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
CREATE TABLE "inventory"."inbox" (
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
CREATE TABLE "inventory"."outbox" (
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
CREATE INDEX "dead_letters_waiting_idx" ON "inventory"."dead_letters" USING btree ("queue","id") WHERE "inventory"."dead_letters"."replayed_at" is null;--> statement-breakpoint
CREATE INDEX "inbox_pending_idx" ON "inventory"."inbox" USING btree ("consumer","next_attempt_at") WHERE "inventory"."inbox"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "inbox_processed_at_idx" ON "inventory"."inbox" USING btree ("processed_at");--> statement-breakpoint
CREATE UNIQUE INDEX "outbox_event_id_key" ON "inventory"."outbox" USING btree ("event_id");--> statement-breakpoint
CREATE UNIQUE INDEX "outbox_aggregate_sequence_key" ON "inventory"."outbox" USING btree ("aggregate_id","sequence");--> statement-breakpoint
CREATE INDEX "outbox_unpublished_idx" ON "inventory"."outbox" USING btree ("id") WHERE "inventory"."outbox"."published_at" is null;--> statement-breakpoint
CREATE INDEX "outbox_published_at_idx" ON "inventory"."outbox" USING btree ("published_at");