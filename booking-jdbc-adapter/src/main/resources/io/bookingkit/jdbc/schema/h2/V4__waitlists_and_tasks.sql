-- V4: waitlist entries, the maintenance task queue, and the entry a held offer was made to.
-- Tables first and the ALTER last, each IF NOT EXISTS where the database allows it, so that a
-- run stopped half-way can be run again.

CREATE TABLE IF NOT EXISTS bk_waitlist_entry (
    tenant_id     varchar(128) NOT NULL,
    id            varchar(128) NOT NULL,
    customer_id   varchar(128) NOT NULL,
    template_name varchar(128) NOT NULL,
    start_at      timestamp(6) with time zone NOT NULL,
    end_at        timestamp(6) with time zone NOT NULL,
    party_size    integer      NOT NULL CHECK (party_size > 0),
    status        varchar(16)  NOT NULL,
    sequence_no   bigint       NOT NULL,
    offer_id      varchar(128),
    locale        varchar(64)  NOT NULL,
    joined_at     timestamp(6) with time zone NOT NULL,
    updated_at    timestamp(6) with time zone NOT NULL,
    version       bigint       NOT NULL,
    PRIMARY KEY (tenant_id, id),
    CHECK (start_at < end_at)
);
-- A customer's entries, in queue order (the per-customer waitlist limit reads them).
CREATE INDEX IF NOT EXISTS bk_waitlist_entry_customer ON bk_waitlist_entry (tenant_id, customer_id, sequence_no, id);

-- One row per resource an entry names, with the entry's time, as bookings keep theirs.
CREATE TABLE IF NOT EXISTS bk_waitlist_entry_resource (
    tenant_id   varchar(128) NOT NULL,
    entry_id    varchar(128) NOT NULL,
    resource_id varchar(128) NOT NULL,
    position    integer      NOT NULL,
    start_at    timestamp(6) with time zone NOT NULL,
    end_at      timestamp(6) with time zone NOT NULL,
    PRIMARY KEY (tenant_id, resource_id, entry_id),
    FOREIGN KEY (tenant_id, entry_id) REFERENCES bk_waitlist_entry (tenant_id, id),
    CHECK (start_at < end_at)
);
-- Lookups ask for entries ending after a range starts, as for bookings.
CREATE INDEX IF NOT EXISTS bk_waitlist_entry_resource_time ON bk_waitlist_entry_resource (tenant_id, resource_id, end_at);
CREATE INDEX IF NOT EXISTS bk_waitlist_entry_resource_entry ON bk_waitlist_entry_resource (tenant_id, entry_id);

-- Scheduled maintenance work: one row per tenant, kind and subject; claimed by maintenance runs
-- on any node until claimed_until, deleted when done.
CREATE TABLE IF NOT EXISTS bk_task (
    tenant_id     varchar(128) NOT NULL,
    kind          varchar(32)  NOT NULL,
    subject       varchar(400) NOT NULL,
    due_at        timestamp(6) with time zone NOT NULL,
    claimed_until timestamp(6) with time zone,
    PRIMARY KEY (tenant_id, kind, subject)
);
CREATE INDEX IF NOT EXISTS bk_task_due ON bk_task (due_at);

ALTER TABLE bk_booking ADD COLUMN IF NOT EXISTS waitlist_entry_id varchar(128);
