-- price_bars keeps (ticker, date) unique through a unique index instead of its primary key, so
-- that a rebuild can drop the index, append every bar, and build the index again in one sorted
-- pass (db/sqlite/projectors.ts). The rows are copied; nothing is replayed.
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_price_bars` (
	`ticker` text NOT NULL,
	`date` text NOT NULL,
	`open` real,
	`high` real,
	`low` real,
	`close` real NOT NULL,
	`adj_close` real,
	`volume` real,
	`first_position` integer NOT NULL,
	`last_position` integer NOT NULL
);
--> statement-breakpoint
INSERT INTO `__new_price_bars`("ticker", "date", "open", "high", "low", "close", "adj_close", "volume", "first_position", "last_position") SELECT "ticker", "date", "open", "high", "low", "close", "adj_close", "volume", "first_position", "last_position" FROM `price_bars`;--> statement-breakpoint
DROP TABLE `price_bars`;--> statement-breakpoint
ALTER TABLE `__new_price_bars` RENAME TO `price_bars`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE UNIQUE INDEX `price_bars_ticker_date_unique` ON `price_bars` (`ticker`,`date`);