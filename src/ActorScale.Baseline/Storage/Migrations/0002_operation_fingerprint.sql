-- An operation id is bound to what it was used for (kind, payload, session: OperationIntent's fingerprint), so the
-- same id with another payload is refused (IdempotencyKeyReused) instead of answered with the first outcome. Rows
-- written before this migration have none and match any retry, as before.
ALTER TABLE baseline.operations ADD COLUMN fingerprint text;
