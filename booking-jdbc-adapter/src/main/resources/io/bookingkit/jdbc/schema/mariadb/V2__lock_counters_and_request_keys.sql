-- V2: the lock step writes what it locks, and bookings without an idempotency key no longer
-- share one unique-key value. Engines that find conflicts on written rows only (Galera's
-- certification, optimistic and serializable engines) then see two units on one resource or
-- one customer as conflicting, and two bookings on different resources as independent.
-- Plain ADD COLUMN, without IF NOT EXISTS, which MySQL 8 lacks: a migration runs once.
ALTER TABLE bk_resource ADD COLUMN lock_version bigint NOT NULL DEFAULT 0;
ALTER TABLE bk_customer_lock ADD COLUMN lock_version bigint NOT NULL DEFAULT 0;
-- 'k:' + the client's idempotency key, or 'b:' + the booking id when it gave none.
ALTER TABLE bk_booking ADD COLUMN request_key varchar(130) NULL;
UPDATE bk_booking SET request_key = CASE WHEN idempotency_key IS NULL THEN CONCAT('b:', id)
    ELSE CONCAT('k:', idempotency_key) END;
ALTER TABLE bk_booking MODIFY request_key varchar(130) NOT NULL,
    ADD CONSTRAINT bk_booking_request_key UNIQUE (tenant_id, request_key),
    DROP INDEX bk_booking_idempotency;
