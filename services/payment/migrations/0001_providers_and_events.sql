CREATE TABLE "payment"."dead_letters" (
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
CREATE TABLE "payment"."inbox" (
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
CREATE TABLE "payment"."outbox" (
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
CREATE TABLE "payment"."refunds" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"payment_id" uuid NOT NULL,
	"amount_minor" bigint NOT NULL,
	"currency" text NOT NULL,
	"reason" text,
	"status" text DEFAULT 'pending' NOT NULL,
	"idempotency_key" text NOT NULL,
	"request_fingerprint" text NOT NULL,
	"provider_reference" text,
	"failure_code" text,
	"transaction_id" uuid,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "refunds_status_known" CHECK ("payment"."refunds"."status" in ('pending', 'succeeded', 'failed')),
	CONSTRAINT "refunds_amount_positive" CHECK ("payment"."refunds"."amount_minor" > 0)
);
--> statement-breakpoint
ALTER TABLE "payment"."payments" DROP CONSTRAINT "payments_status_known";--> statement-breakpoint
ALTER TABLE "payment"."transactions" DROP CONSTRAINT "transactions_kind_known";--> statement-breakpoint
ALTER TABLE "payment"."payments" ADD COLUMN "request_fingerprint" text;--> statement-breakpoint
ALTER TABLE "payment"."payments" ADD COLUMN "capture_method" text DEFAULT 'automatic' NOT NULL;--> statement-breakpoint
ALTER TABLE "payment"."payments" ADD COLUMN "method_token" text;--> statement-breakpoint
ALTER TABLE "payment"."transactions" ADD COLUMN "reason_code" text;--> statement-breakpoint
ALTER TABLE "payment"."transactions" ADD COLUMN "reason" text;--> statement-breakpoint
ALTER TABLE "payment"."webhook_events" ADD COLUMN "event_type" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "payment"."webhook_events" ADD COLUMN "status" text DEFAULT 'applied' NOT NULL;--> statement-breakpoint
ALTER TABLE "payment"."webhook_events" ADD COLUMN "payment_id" uuid;--> statement-breakpoint
ALTER TABLE "payment"."webhook_events" ADD COLUMN "provider_reference" text;--> statement-breakpoint
ALTER TABLE "payment"."webhook_events" ADD COLUMN "facts" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "payment"."webhook_events" ADD COLUMN "error" text;--> statement-breakpoint
ALTER TABLE "payment"."webhook_events" ADD COLUMN "processed_at" timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "payment"."refunds" ADD CONSTRAINT "refunds_payment_id_payments_id_fk" FOREIGN KEY ("payment_id") REFERENCES "payment"."payments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment"."refunds" ADD CONSTRAINT "refunds_transaction_id_transactions_id_fk" FOREIGN KEY ("transaction_id") REFERENCES "payment"."transactions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "dead_letters_waiting_idx" ON "payment"."dead_letters" USING btree ("queue","id") WHERE "payment"."dead_letters"."replayed_at" is null;--> statement-breakpoint
CREATE INDEX "inbox_pending_idx" ON "payment"."inbox" USING btree ("consumer","next_attempt_at") WHERE "payment"."inbox"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "inbox_processed_at_idx" ON "payment"."inbox" USING btree ("processed_at");--> statement-breakpoint
CREATE UNIQUE INDEX "outbox_event_id_key" ON "payment"."outbox" USING btree ("event_id");--> statement-breakpoint
CREATE UNIQUE INDEX "outbox_aggregate_sequence_key" ON "payment"."outbox" USING btree ("aggregate_id","sequence");--> statement-breakpoint
CREATE INDEX "outbox_unpublished_idx" ON "payment"."outbox" USING btree ("id") WHERE "payment"."outbox"."published_at" is null;--> statement-breakpoint
CREATE INDEX "outbox_published_at_idx" ON "payment"."outbox" USING btree ("published_at");--> statement-breakpoint
CREATE UNIQUE INDEX "refunds_idempotency_key_key" ON "payment"."refunds" USING btree ("idempotency_key");--> statement-breakpoint
CREATE INDEX "refunds_payment_idx" ON "payment"."refunds" USING btree ("payment_id","created_at");--> statement-breakpoint
CREATE INDEX "refunds_provider_reference_idx" ON "payment"."refunds" USING btree ("provider_reference");--> statement-breakpoint
ALTER TABLE "payment"."webhook_events" ADD CONSTRAINT "webhook_events_payment_id_payments_id_fk" FOREIGN KEY ("payment_id") REFERENCES "payment"."payments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "payments_live_order_key" ON "payment"."payments" USING btree ("order_id") WHERE "payment"."payments"."status" not in ('failed', 'voided');--> statement-breakpoint
CREATE INDEX "payments_customer_created_at_idx" ON "payment"."payments" USING btree ("customer_id","created_at","id");--> statement-breakpoint
CREATE INDEX "payments_unsettled_updated_at_idx" ON "payment"."payments" USING btree ("updated_at") WHERE "payment"."payments"."status" in ('pending', 'authorized');--> statement-breakpoint
CREATE INDEX "transactions_provider_reference_idx" ON "payment"."transactions" USING btree ("provider_reference");--> statement-breakpoint
CREATE INDEX "webhook_events_unmatched_idx" ON "payment"."webhook_events" USING btree ("provider","provider_reference") WHERE "payment"."webhook_events"."status" = 'unmatched';--> statement-breakpoint
CREATE INDEX "webhook_events_deferred_idx" ON "payment"."webhook_events" USING btree ("payment_id") WHERE "payment"."webhook_events"."status" = 'deferred';--> statement-breakpoint
ALTER TABLE "payment"."payments" ADD CONSTRAINT "payments_capture_method_known" CHECK ("payment"."payments"."capture_method" in ('automatic', 'manual'));--> statement-breakpoint
ALTER TABLE "payment"."payments" ADD CONSTRAINT "payments_status_known" CHECK ("payment"."payments"."status" in ('pending', 'authorized', 'captured', 'partially_refunded', 'refunded', 'failed', 'voided', 'disputed'));--> statement-breakpoint
ALTER TABLE "payment"."transactions" ADD CONSTRAINT "transactions_kind_known" CHECK ("payment"."transactions"."kind" in ('authorization', 'capture', 'refund', 'failure', 'void', 'dispute'));--> statement-breakpoint
ALTER TABLE "payment"."webhook_events" ADD CONSTRAINT "webhook_events_status_known" CHECK ("payment"."webhook_events"."status" in ('applied', 'unmatched', 'deferred', 'ignored', 'rejected'));