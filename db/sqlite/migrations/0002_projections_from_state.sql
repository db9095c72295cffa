-- Entries and claims are now projected as the decider state (JSON) plus the columns reads
-- filter on, so each entity is mapped once (lib/mappings). Projections are derived data: the
-- two tables are recreated empty and their checkpoints removed, and the store replays the
-- ledger into them when it opens. Each projection now keeps its own checkpoint; the other
-- projections keep the position of the old shared 'inline' checkpoint.
DROP TABLE `timeline_entries`;--> statement-breakpoint
CREATE TABLE `timeline_entries` (
	`id` text PRIMARY KEY NOT NULL,
	`date` text NOT NULL,
	`time_utc` text,
	`kind` text NOT NULL,
	`narrative` text NOT NULL,
	`status` text NOT NULL,
	`version` integer NOT NULL,
	`recorded_at` text NOT NULL,
	`last_position` integer NOT NULL,
	`state` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `timeline_entries_date_idx` ON `timeline_entries` (`date`);--> statement-breakpoint
DROP TABLE `claims`;--> statement-breakpoint
CREATE TABLE `claims` (
	`id` text PRIMARY KEY NOT NULL,
	`asserted_on` text NOT NULL,
	`narrative` text NOT NULL,
	`entry_id` text,
	`status` text NOT NULL,
	`version` integer NOT NULL,
	`last_position` integer NOT NULL,
	`state` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `claims_asserted_on_idx` ON `claims` (`asserted_on`);--> statement-breakpoint
INSERT INTO `projection_checkpoints` (`name`, `position`)
  SELECT p.name, c.position FROM `projection_checkpoints` c, (SELECT 'narratives' AS name UNION ALL SELECT 'tickers' UNION ALL SELECT 'price_bars') p
  WHERE c.name = 'inline';--> statement-breakpoint
DELETE FROM `projection_checkpoints` WHERE `name` = 'inline';
