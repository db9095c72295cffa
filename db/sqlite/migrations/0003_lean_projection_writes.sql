-- Fewer pages per append (every page a transaction touches is one more WAL frame at commit):
-- a stream's version is read from the events index (stream_id, stream_version), so the
-- `streams` table goes; projection tables lose their secondary indexes and keep their rows in
-- the primary-key b-tree (WITHOUT ROWID), so an upsert touches one b-tree instead of three.
-- The two reshaped projections are recreated empty; removing their checkpoints makes the
-- store replay the ledger into them when it opens.
DROP TABLE `streams`;--> statement-breakpoint
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
) WITHOUT ROWID;
--> statement-breakpoint
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
) WITHOUT ROWID;
--> statement-breakpoint
DELETE FROM `projection_checkpoints` WHERE `name` IN ('timeline_entries', 'claims');
