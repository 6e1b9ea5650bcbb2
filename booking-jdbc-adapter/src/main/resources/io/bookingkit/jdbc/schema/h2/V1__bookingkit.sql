-- bookingkit schema for H2 2.x. Instants are timestamp with time zone, bound at UTC.

CREATE TABLE IF NOT EXISTS bk_resource (
    tenant_id   varchar(128)  NOT NULL,
    id          varchar(128)  NOT NULL,
    name        text          NOT NULL,
    zone_id     varchar(64)   NOT NULL,
    hours       text          NOT NULL,
    max_window_seconds bigint NOT NULL,
    capacity    integer       NOT NULL CHECK (capacity > 0),
    PRIMARY KEY (tenant_id, id)
);

CREATE TABLE IF NOT EXISTS bk_booking (
    tenant_id       varchar(128) NOT NULL,
    id              varchar(128) NOT NULL,
    customer_id     varchar(128) NOT NULL,
    template_name   varchar(128) NOT NULL,
    start_at        timestamp(6) with time zone  NOT NULL,
    end_at          timestamp(6) with time zone  NOT NULL,
    occupied_start  timestamp(6) with time zone  NOT NULL,
    occupied_end    timestamp(6) with time zone  NOT NULL,
    party_size      integer      NOT NULL CHECK (party_size > 0),
    status          varchar(16)  NOT NULL,
    version         bigint       NOT NULL,
    series_id       varchar(128),
    idempotency_key varchar(128),
    request_hash    varchar(128) NOT NULL,
    locale          varchar(64)  NOT NULL,
    created_at      timestamp(6) with time zone  NOT NULL,
    updated_at      timestamp(6) with time zone  NOT NULL,
    expires_at      timestamp(6) with time zone,
    forced          boolean      NOT NULL,
    PRIMARY KEY (tenant_id, id),
    CONSTRAINT bk_booking_idempotency UNIQUE (tenant_id, idempotency_key),
    CHECK (start_at < end_at),
    CHECK (occupied_start <= start_at AND end_at <= occupied_end)
);
CREATE INDEX IF NOT EXISTS bk_booking_customer ON bk_booking (tenant_id, customer_id, end_at);

-- One row per resource a booking uses: what the lock protects and the constraint checks.
CREATE TABLE IF NOT EXISTS bk_booking_resource (
    tenant_id      varchar(128) NOT NULL,
    booking_id     varchar(128) NOT NULL,
    resource_id    varchar(128) NOT NULL,
    position       integer      NOT NULL,
    occupied_start timestamp(6) with time zone  NOT NULL,
    occupied_end   timestamp(6) with time zone  NOT NULL,
    status         varchar(16)  NOT NULL,
    one_seat       boolean      NOT NULL,
    forced         boolean      NOT NULL,
    PRIMARY KEY (tenant_id, resource_id, booking_id),
    FOREIGN KEY (tenant_id, booking_id) REFERENCES bk_booking (tenant_id, id),
    FOREIGN KEY (tenant_id, resource_id) REFERENCES bk_resource (tenant_id, id),
    CHECK (occupied_start < occupied_end)
);
-- Lookups ask for bookings ending after a range starts: few, as they lie ahead of now.
CREATE INDEX IF NOT EXISTS bk_booking_resource_time ON bk_booking_resource (tenant_id, resource_id, occupied_end);
CREATE INDEX IF NOT EXISTS bk_booking_resource_booking ON bk_booking_resource (tenant_id, booking_id);

CREATE TABLE IF NOT EXISTS bk_transition (
    tenant_id       varchar(128) NOT NULL,
    booking_id      varchar(128) NOT NULL,
    seq             integer      NOT NULL,
    from_status     varchar(16),
    to_status       varchar(16)  NOT NULL,
    actor_id        varchar(128) NOT NULL,
    actor_role      varchar(16)  NOT NULL,
    actor_resources text         NOT NULL,
    happened_at     timestamp(6) with time zone  NOT NULL,
    reason          text         NOT NULL,
    PRIMARY KEY (tenant_id, booking_id, seq),
    FOREIGN KEY (tenant_id, booking_id) REFERENCES bk_booking (tenant_id, id)
);

CREATE TABLE IF NOT EXISTS bk_outbox (
    id            varchar(128) NOT NULL PRIMARY KEY,
    tenant_id     varchar(128) NOT NULL,
    booking_id    varchar(128) NOT NULL,
    kind          varchar(32)  NOT NULL,
    channel       varchar(64),
    recipient     varchar(128) NOT NULL,
    locale        varchar(64)  NOT NULL,
    due_at        timestamp(6) with time zone  NOT NULL,
    dedupe_key    varchar(255) NOT NULL,
    attempts      integer      NOT NULL,
    claimed_until timestamp(6) with time zone,
    parked        boolean      NOT NULL,
    last_error    text
);
CREATE INDEX IF NOT EXISTS bk_outbox_due ON bk_outbox (parked, due_at);
CREATE INDEX IF NOT EXISTS bk_outbox_booking ON bk_outbox (tenant_id, booking_id);

-- A row per customer whose bookings have per-customer limits, locked so that two requests of
-- one customer are decided one after the other.
CREATE TABLE IF NOT EXISTS bk_customer_lock (
    tenant_id   varchar(128) NOT NULL,
    customer_id varchar(128) NOT NULL,
    PRIMARY KEY (tenant_id, customer_id)
);
