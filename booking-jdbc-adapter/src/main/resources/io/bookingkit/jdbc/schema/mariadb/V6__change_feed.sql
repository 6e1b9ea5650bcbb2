-- V6: the availability feed. Units of work add change rows without a number (feed_no NULL), so
-- writers share no row; readers number the committed ones in short transactions serialised on
-- the tenant's bk_change_head row, so numbers become visible in the order they grow. On Galera
-- two nodes numbering at once both change that row, and certification lets only one commit.
-- IF NOT EXISTS throughout, indexes inside CREATE TABLE, so that a stopped run can be run again.

CREATE TABLE IF NOT EXISTS bk_change (
    id          bigint       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    tenant_id   varchar(128) NOT NULL,
    feed_no     bigint       NULL,
    resource_id varchar(128) NOT NULL,
    -- Both NULL for a change of the resource itself, which covers all time.
    start_at    datetime(6)  NULL,
    end_at      datetime(6)  NULL,
    kind        varchar(32)  NOT NULL,
    booking_id  varchar(128) NULL,
    status      varchar(16)  NULL,
    changed_at  datetime(6)  NOT NULL,
    CHECK ((start_at IS NULL AND end_at IS NULL) OR start_at < end_at),
    -- Readers page by number; numbering finds the unnumbered rows (NULLs are indexed too).
    INDEX bk_change_feed (tenant_id, feed_no),
    -- Pruning looks for old changes of every tenant.
    INDEX bk_change_age (changed_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Where each tenant's feed stands: its epoch, its newest number, the newest number pruned.
CREATE TABLE IF NOT EXISTS bk_change_head (
    tenant_id      varchar(128) NOT NULL PRIMARY KEY,
    epoch          varchar(32)  NOT NULL,
    last_no        bigint       NOT NULL,
    pruned_through bigint       NOT NULL,
    CHECK (0 <= pruned_through AND pruned_through <= last_no)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
