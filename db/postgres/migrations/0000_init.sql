CREATE TABLE "claims" (
	"id" text PRIMARY KEY NOT NULL,
	"asserted_on" text NOT NULL,
	"narrative" text NOT NULL,
	"entry_id" text,
	"status" text NOT NULL,
	"version" integer NOT NULL,
	"last_position" bigint NOT NULL,
	"state" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "events" (
	"position" bigint PRIMARY KEY NOT NULL,
	"event_id" text NOT NULL,
	"stream_id" text NOT NULL,
	"stream_version" integer NOT NULL,
	"type" text NOT NULL,
	"schema_version" integer DEFAULT 1 NOT NULL,
	"data" json NOT NULL,
	"metadata" json NOT NULL,
	"occurred_at" text NOT NULL,
	"recorded_at" text NOT NULL,
	CONSTRAINT "events_event_id_unique" UNIQUE("event_id")
);
--> statement-breakpoint
CREATE TABLE "narratives" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"thesis" text NOT NULL,
	"color" text NOT NULL,
	"sort_order" integer NOT NULL,
	"version" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "price_bar_revisions" (
	"ticker" text NOT NULL,
	"date" text NOT NULL,
	"position" bigint NOT NULL,
	"recorded_at" text NOT NULL,
	"before" text NOT NULL,
	"after" text NOT NULL,
	CONSTRAINT "price_bar_revisions_ticker_date_position_pk" PRIMARY KEY("ticker","date","position")
);
--> statement-breakpoint
CREATE TABLE "price_bars" (
	"ticker" text NOT NULL,
	"date" text NOT NULL,
	"open" double precision,
	"high" double precision,
	"low" double precision,
	"close" double precision NOT NULL,
	"adj_close" double precision,
	"volume" double precision,
	"first_position" bigint NOT NULL,
	"last_position" bigint NOT NULL,
	CONSTRAINT "price_bars_ticker_date_pk" PRIMARY KEY("ticker","date")
);
--> statement-breakpoint
CREATE TABLE "projection_checkpoints" (
	"name" text PRIMARY KEY NOT NULL,
	"position" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tickers" (
	"symbol" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"exchange" text,
	"role" text NOT NULL,
	"shares_outstanding" double precision,
	"version" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "timeline_entries" (
	"id" text PRIMARY KEY NOT NULL,
	"date" text NOT NULL,
	"time_utc" text,
	"kind" text NOT NULL,
	"narrative" text NOT NULL,
	"status" text NOT NULL,
	"version" integer NOT NULL,
	"recorded_at" text NOT NULL,
	"last_position" bigint NOT NULL,
	"state" text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "events_stream_version_unique" ON "events" USING btree ("stream_id","stream_version");--> statement-breakpoint
CREATE INDEX "events_type_idx" ON "events" USING btree ("type","position");