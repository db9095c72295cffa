-- The ledger is append-only: refuse any UPDATE or DELETE of an events row at the database level,
-- so that no code path (or a mistaken manual query) can rewrite history.
CREATE TRIGGER `events_no_update` BEFORE UPDATE ON `events`
BEGIN
  SELECT RAISE(ABORT, 'the events ledger is append-only: UPDATE is not allowed');
END;
--> statement-breakpoint
CREATE TRIGGER `events_no_delete` BEFORE DELETE ON `events`
BEGIN
  SELECT RAISE(ABORT, 'the events ledger is append-only: DELETE is not allowed');
END;
