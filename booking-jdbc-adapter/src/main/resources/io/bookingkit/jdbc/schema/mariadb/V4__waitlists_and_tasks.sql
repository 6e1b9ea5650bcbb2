-- V4: waitlist entries, the maintenance task queue, and the entry a held offer was made to.
-- Tables first, IF NOT EXISTS, and the ALTER last (MySQL 8 has no ADD COLUMN IF NOT EXISTS), so
-- that a run stopped half-way (every DDL statement commits by itself) can be run again.
-- Index keys stay under InnoDB's 3072 bytes (DYNAMIC rows, the default) at 4 bytes a character
-- in utf8mb4: an id is 512 bytes, the task key (tenant, kind, subject) 512 + 128 + 1600.

CREATE TABLE IF NOT EXISTS bk_waitlist_entry (
    tenant_id     varchar(128) NOT NULL,
    id            varchar(128) NOT NULL,
    customer_id   varchar(128) NOT NULL,
    template_name varchar(128) NOT NULL,
    start_at      datetime(6)  NOT NULL,
    end_at        datetime(6)  NOT NULL,
    party_size    integer      NOT NULL CHECK (party_size > 0),
    status        varchar(16)  NOT NULL,
    sequence_no   bigint       NOT NULL,
    offer_id      varchar(128),
    locale        varchar(64)  NOT NULL,
    joined_at     datetime(6)  NOT NULL,
    updated_at    datetime(6)  NOT NULL,
    version       bigint       NOT NULL,
    PRIMARY KEY (tenant_id, id),
    CHECK (start_at < end_at),
    -- A customer's entries, in queue order (the per-customer waitlist limit reads them); InnoDB
    -- appends the primary key, so ties come in id order.
    INDEX bk_waitlist_entry_customer (tenant_id, customer_id, sequence_no)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- One row per resource an entry names, with the entry's time, as bookings keep theirs. Lookups
-- ask for entries ending after a range starts, as for bookings.
CREATE TABLE IF NOT EXISTS bk_waitlist_entry_resource (
    tenant_id   varchar(128) NOT NULL,
    entry_id    varchar(128) NOT NULL,
    resource_id varchar(128) NOT NULL,
    position    integer      NOT NULL,
    start_at    datetime(6)  NOT NULL,
    end_at      datetime(6)  NOT NULL,
    PRIMARY KEY (tenant_id, resource_id, entry_id),
    FOREIGN KEY (tenant_id, entry_id) REFERENCES bk_waitlist_entry (tenant_id, id),
    CHECK (start_at < end_at),
    INDEX bk_waitlist_entry_resource_time (tenant_id, resource_id, end_at),
    INDEX bk_waitlist_entry_resource_entry (tenant_id, entry_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Scheduled maintenance work: one row per tenant, kind and subject; claimed by maintenance runs
-- on any node until claimed_until, deleted when done. The due index carries the primary key,
-- so claims read it in (due_at, tenant_id, kind, subject) order without sorting.
CREATE TABLE IF NOT EXISTS bk_task (
    tenant_id     varchar(128) NOT NULL,
    kind          varchar(32)  NOT NULL,
    subject       varchar(400) NOT NULL,
    due_at        datetime(6)  NOT NULL,
    claimed_until datetime(6),
    PRIMARY KEY (tenant_id, kind, subject),
    INDEX bk_task_due (due_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

ALTER TABLE bk_booking ADD COLUMN waitlist_entry_id varchar(128) NULL;
