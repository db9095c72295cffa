-- The ledger is append-only: refuse any UPDATE, DELETE or TRUNCATE of the events table at the
-- database level, so that no code path (or a mistaken manual query) can rewrite history.
CREATE FUNCTION events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'the events ledger is append-only: % is not allowed', TG_OP USING ERRCODE = 'restrict_violation';
END
$$;
--> statement-breakpoint
CREATE TRIGGER events_no_update_or_delete BEFORE UPDATE OR DELETE ON events FOR EACH ROW EXECUTE FUNCTION events_append_only();
--> statement-breakpoint
CREATE TRIGGER events_no_truncate BEFORE TRUNCATE ON events FOR EACH STATEMENT EXECUTE FUNCTION events_append_only();
--> statement-breakpoint
-- Byte-order collation on every key and date column, as SQLite's BINARY: the same ORDER BY on
-- both backends (exports are byte-identical) whatever the database's locale, and the
-- idempotency-key range scan ("<key>#" .. "<key>$") uses the unique index.
ALTER TABLE events ALTER COLUMN event_id TYPE text COLLATE "C", ALTER COLUMN stream_id TYPE text COLLATE "C", ALTER COLUMN type TYPE text COLLATE "C";
--> statement-breakpoint
ALTER TABLE projection_checkpoints ALTER COLUMN name TYPE text COLLATE "C";
--> statement-breakpoint
ALTER TABLE timeline_entries ALTER COLUMN id TYPE text COLLATE "C", ALTER COLUMN date TYPE text COLLATE "C";
--> statement-breakpoint
ALTER TABLE claims ALTER COLUMN id TYPE text COLLATE "C", ALTER COLUMN asserted_on TYPE text COLLATE "C";
--> statement-breakpoint
ALTER TABLE narratives ALTER COLUMN id TYPE text COLLATE "C";
--> statement-breakpoint
ALTER TABLE tickers ALTER COLUMN symbol TYPE text COLLATE "C";
--> statement-breakpoint
ALTER TABLE price_bars ALTER COLUMN ticker TYPE text COLLATE "C", ALTER COLUMN date TYPE text COLLATE "C";
--> statement-breakpoint
ALTER TABLE price_bar_revisions ALTER COLUMN ticker TYPE text COLLATE "C", ALTER COLUMN date TYPE text COLLATE "C";
