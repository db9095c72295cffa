CREATE TABLE `claims` (
	`id` text PRIMARY KEY NOT NULL,
	`entry_id` text,
	`asserted_on` text NOT NULL,
	`subject` text NOT NULL,
	`metric` text NOT NULL,
	`value` real NOT NULL,
	`unit` text NOT NULL,
	`qualifier` text,
	`scope` text NOT NULL,
	`claimant` text NOT NULL,
	`narrative` text NOT NULL,
	`relation_type` text,
	`relation_target` text,
	`current_value` real NOT NULL,
	`status` text NOT NULL,
	`sources` text NOT NULL,
	`history` text NOT NULL,
	`version` integer NOT NULL,
	`last_position` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `claims_asserted_on_idx` ON `claims` (`asserted_on`);--> statement-breakpoint
CREATE TABLE `events` (
	`position` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`event_id` text NOT NULL,
	`stream_id` text NOT NULL,
	`stream_version` integer NOT NULL,
	`type` text NOT NULL,
	`schema_version` integer DEFAULT 1 NOT NULL,
	`data` text NOT NULL,
	`metadata` text NOT NULL,
	`occurred_at` text NOT NULL,
	`recorded_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `events_event_id_unique` ON `events` (`event_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `events_stream_version_unique` ON `events` (`stream_id`,`stream_version`);--> statement-breakpoint
CREATE INDEX `events_type_idx` ON `events` (`type`);--> statement-breakpoint
CREATE TABLE `narratives` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`thesis` text NOT NULL,
	`color` text NOT NULL,
	`sort_order` integer NOT NULL,
	`version` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `price_bar_revisions` (
	`ticker` text NOT NULL,
	`date` text NOT NULL,
	`position` integer NOT NULL,
	`recorded_at` text NOT NULL,
	`before` text NOT NULL,
	`after` text NOT NULL,
	PRIMARY KEY(`ticker`, `date`, `position`)
);
--> statement-breakpoint
CREATE TABLE `price_bars` (
	`ticker` text NOT NULL,
	`date` text NOT NULL,
	`open` real,
	`high` real,
	`low` real,
	`close` real NOT NULL,
	`adj_close` real,
	`volume` real,
	`first_position` integer NOT NULL,
	`last_position` integer NOT NULL,
	PRIMARY KEY(`ticker`, `date`)
);
--> statement-breakpoint
CREATE TABLE `projection_checkpoints` (
	`name` text PRIMARY KEY NOT NULL,
	`position` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `streams` (
	`stream_id` text PRIMARY KEY NOT NULL,
	`version` integer NOT NULL,
	`last_position` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `tickers` (
	`symbol` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`exchange` text,
	`role` text NOT NULL,
	`shares_outstanding` real,
	`version` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `timeline_entries` (
	`id` text PRIMARY KEY NOT NULL,
	`date` text NOT NULL,
	`time_utc` text,
	`kind` text NOT NULL,
	`title` text NOT NULL,
	`summary` text NOT NULL,
	`narrative` text NOT NULL,
	`entities` text NOT NULL,
	`tickers` text NOT NULL,
	`figures` text NOT NULL,
	`sources` text NOT NULL,
	`confidence` text,
	`status` text NOT NULL,
	`version` integer NOT NULL,
	`recorded_at` text NOT NULL,
	`last_position` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `timeline_entries_date_idx` ON `timeline_entries` (`date`);