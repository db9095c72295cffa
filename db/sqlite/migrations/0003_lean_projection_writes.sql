-- Fewer pages per append (every page a transaction touches is one more WAL frame at commit):
-- a stream's version is read from the events index (stream_id, stream_version), so the
-- `streams` table goes. An entry's or claim's row is keyed by the position of its stream's
-- first event: new rows land at the end of one b-tree, with no second b-tree for a text key
-- (the id is found through the events index). Rows hold the state JSON, which would spill
-- into overflow pages in a WITHOUT ROWID table, so these stay rowid tables.
-- The two reshaped projections are recreated empty; removing their checkpoints makes the
-- store replay the ledger into them when it opens. `IF EXISTS`: a development database that
-- applied an earlier draft of this migration (same tag, earlier timestamp) runs it again.
DROP TABLE IF EXISTS `streams`;--> statement-breakpoint
DROP TABLE `timeline_entries`;--> statement-breakpoint
CREATE TABLE `timeline_entries` (
	`first_position` integer PRIMARY KEY NOT NULL,
	`id` text NOT NULL,
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
DROP TABLE `claims`;--> statement-breakpoint
CREATE TABLE `claims` (
	`first_position` integer PRIMARY KEY NOT NULL,
	`id` text NOT NULL,
	`asserted_on` text NOT NULL,
	`narrative` text NOT NULL,
	`entry_id` text,
	`status` text NOT NULL,
	`version` integer NOT NULL,
	`last_position` integer NOT NULL,
	`state` text NOT NULL
);
--> statement-breakpoint
DELETE FROM `projection_checkpoints` WHERE `name` IN ('timeline_entries', 'claims');
