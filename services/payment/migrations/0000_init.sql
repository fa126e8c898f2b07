CREATE SCHEMA IF NOT EXISTS "payment";
--> statement-breakpoint
CREATE TABLE "payment"."payments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"order_id" uuid NOT NULL,
	"customer_id" uuid,
	"provider" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"amount_minor" bigint NOT NULL,
	"currency" text NOT NULL,
	"provider_reference" text,
	"idempotency_key" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "payments_status_known" CHECK ("payment"."payments"."status" in ('pending', 'authorized', 'captured', 'partially_refunded', 'refunded', 'failed', 'voided')),
	CONSTRAINT "payments_amount_positive" CHECK ("payment"."payments"."amount_minor" > 0),
	CONSTRAINT "payments_currency_iso4217" CHECK ("payment"."payments"."currency" ~ '^[A-Z]{3}$')
);
--> statement-breakpoint
CREATE TABLE "payment"."transactions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"payment_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"amount_minor" bigint NOT NULL,
	"currency" text NOT NULL,
	"provider_reference" text,
	"provider_event_id" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "transactions_kind_known" CHECK ("payment"."transactions"."kind" in ('authorization', 'capture', 'refund', 'failure', 'void')),
	CONSTRAINT "transactions_amount_not_negative" CHECK ("payment"."transactions"."amount_minor" >= 0),
	CONSTRAINT "transactions_currency_iso4217" CHECK ("payment"."transactions"."currency" ~ '^[A-Z]{3}$')
);
--> statement-breakpoint
CREATE TABLE "payment"."webhook_events" (
	"provider" text NOT NULL,
	"event_id" text NOT NULL,
	"received_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"payload" jsonb NOT NULL,
	CONSTRAINT "webhook_events_provider_event_id_pk" PRIMARY KEY("provider","event_id")
);
--> statement-breakpoint
ALTER TABLE "payment"."transactions" ADD CONSTRAINT "transactions_payment_id_payments_id_fk" FOREIGN KEY ("payment_id") REFERENCES "payment"."payments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "payments_idempotency_key_key" ON "payment"."payments" USING btree ("idempotency_key");--> statement-breakpoint
CREATE UNIQUE INDEX "payments_provider_reference_key" ON "payment"."payments" USING btree ("provider","provider_reference");--> statement-breakpoint
CREATE INDEX "payments_order_created_at_idx" ON "payment"."payments" USING btree ("order_id","created_at","id");--> statement-breakpoint
CREATE INDEX "payments_created_at_id_idx" ON "payment"."payments" USING btree ("created_at","id");--> statement-breakpoint
CREATE UNIQUE INDEX "transactions_provider_event_id_key" ON "payment"."transactions" USING btree ("provider_event_id");--> statement-breakpoint
CREATE INDEX "transactions_payment_created_at_idx" ON "payment"."transactions" USING btree ("payment_id","created_at");