DROP TABLE "analytics"."fact_behaviour" CASCADE;--> statement-breakpoint
DROP TABLE "analytics"."fact_order_lines" CASCADE;--> statement-breakpoint
DROP TABLE "analytics"."fact_orders" CASCADE;--> statement-breakpoint
DROP TABLE "analytics"."fact_payments" CASCADE;--> statement-breakpoint
DROP TABLE "analytics"."fact_refunds" CASCADE;--> statement-breakpoint
DROP TABLE "analytics"."fact_searches" CASCADE;--> statement-breakpoint
DROP TABLE "analytics"."fact_users" CASCADE;