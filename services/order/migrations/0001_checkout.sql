CREATE TABLE "orders"."checkout_sagas" (
	"order_id" uuid PRIMARY KEY NOT NULL,
	"idempotency_key" text,
	"request_hash" text NOT NULL,
	"step" text NOT NULL,
	"direction" text DEFAULT 'forward' NOT NULL,
	"status" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp (3) with time zone,
	"last_error" text,
	"cancel_reason" text,
	"refusal" jsonb,
	"plan" jsonb NOT NULL,
	"reservation_expires_at" timestamp (3) with time zone,
	"payment_id" text,
	"paid_minor" bigint,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "checkout_sagas_step_known" CHECK ("orders"."checkout_sagas"."step" in ('reserve_stock', 'place_order', 'await_payment', 'commit_stock', 'confirm_payment')),
	CONSTRAINT "checkout_sagas_direction_known" CHECK ("orders"."checkout_sagas"."direction" in ('forward', 'backward')),
	CONSTRAINT "checkout_sagas_status_known" CHECK ("orders"."checkout_sagas"."status" in ('running', 'waiting', 'done', 'compensated', 'aborted', 'refused', 'stuck'))
);
--> statement-breakpoint
CREATE TABLE "orders"."dead_letters" (
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
CREATE TABLE "orders"."inbox" (
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
CREATE TABLE "orders"."outbox" (
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
ALTER TABLE "orders"."orders" ADD COLUMN "guest_token_hash" text;--> statement-breakpoint
CREATE UNIQUE INDEX "checkout_sagas_idempotency_key_key" ON "orders"."checkout_sagas" USING btree ("idempotency_key");--> statement-breakpoint
CREATE INDEX "checkout_sagas_due_idx" ON "orders"."checkout_sagas" USING btree ("next_attempt_at") WHERE "orders"."checkout_sagas"."status" in ('running', 'waiting');--> statement-breakpoint
CREATE INDEX "dead_letters_waiting_idx" ON "orders"."dead_letters" USING btree ("queue","id") WHERE "orders"."dead_letters"."replayed_at" is null;--> statement-breakpoint
CREATE INDEX "inbox_pending_idx" ON "orders"."inbox" USING btree ("consumer","next_attempt_at") WHERE "orders"."inbox"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "inbox_processed_at_idx" ON "orders"."inbox" USING btree ("processed_at");--> statement-breakpoint
CREATE UNIQUE INDEX "outbox_event_id_key" ON "orders"."outbox" USING btree ("event_id");--> statement-breakpoint
CREATE UNIQUE INDEX "outbox_aggregate_sequence_key" ON "orders"."outbox" USING btree ("aggregate_id","sequence");--> statement-breakpoint
CREATE INDEX "outbox_unpublished_idx" ON "orders"."outbox" USING btree ("id") WHERE "orders"."outbox"."published_at" is null;--> statement-breakpoint
CREATE INDEX "outbox_published_at_idx" ON "orders"."outbox" USING btree ("published_at");