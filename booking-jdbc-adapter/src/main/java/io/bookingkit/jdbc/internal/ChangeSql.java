package io.bookingkit.jdbc.internal;

import static io.bookingkit.jdbc.internal.BookingSql.micros;

import io.bookingkit.booking.BookingStatus;
import io.bookingkit.feed.Change;
import io.bookingkit.feed.ChangeKind;
import io.bookingkit.jdbc.dialect.Dialect;
import io.bookingkit.spi.FeedHead;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.threeten.extra.Interval;

/**
 * The feed's two tables. Units of work insert changes without a number, so concurrent writers
 * share no row. Numbering gives the committed unnumbered changes of a tenant the numbers after
 * its head's, in a transaction that holds the head row's lock and writes the row: numbering
 * runs of one tenant follow one another (on Galera, two nodes' runs conflict at certification
 * because both change the row), and each commits its numbers at once, so a reader that saw a
 * number will never later see a smaller one appear.
 */
public final class ChangeSql {

    private static final String CHANGE_COLUMNS = "tenant_id, resource_id, start_at, end_at, kind, booking_id, status,"
            + " changed_at";
    private static final List<String> HEAD = List.of("tenant_id", "epoch", "last_no", "pruned_through");

    private final Dialect dialect;
    private final Tables t;

    public ChangeSql(Dialect dialect, Tables tables) {
        this.dialect = dialect;
        this.t = tables;
    }

    /** Holds the insert of {@code change}, unnumbered, in {@code w}. */
    public void insert(WriteBatch w, Change change) {
        boolean allTime = change.interval().equals(Interval.ALL);
        w.add("INSERT INTO " + t.change() + " (" + CHANGE_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)", p -> p
                .string(change.tenantId()).string(change.resourceId())
                .instant(allTime ? null : change.interval().getStart()).instant(allTime ? null : change.interval().getEnd())
                .string(change.kind().name()).string(change.bookingId().orElse(null))
                .string(change.status().map(Enum::name).orElse(null)).instant(change.at()));
    }

    /** Whether {@code tenantId} has a committed change without a number; one index probe. */
    public boolean pending(Connection c, String tenantId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM " + t.change()
                + " WHERE tenant_id = ? AND feed_no IS NULL" + dialect.limit(1))) {
            ps.setString(1, tenantId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** The tenant's head as committed, or {@link FeedHead#none()} before its first numbering. */
    public FeedHead head(Connection c, String tenantId) throws SQLException {
        return head(c, tenantId, "").orElse(FeedHead.none());
    }

    /**
     * Numbers up to {@code batch} of the tenant's unnumbered changes, oldest row first, in the
     * caller's transaction, which it makes hold the head row's lock; creates the head (with a new
     * epoch) on the tenant's first change.
     *
     * @return how many changes it numbered
     */
    public int number(Connection c, String tenantId, int batch) throws SQLException {
        FeedHead head = lockHead(c, tenantId);
        List<Long> ids = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM " + t.change()
                + " WHERE tenant_id = ? AND feed_no IS NULL ORDER BY id" + dialect.limit(batch))) {
            ps.setString(1, tenantId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
        }
        if (ids.isEmpty()) {
            return 0;
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + t.change() + " SET feed_no = ? WHERE id = ?")) {
            long number = head.last();
            for (long id : ids) {
                ps.setLong(1, ++number);
                ps.setLong(2, id);
                ps.addBatch();
            }
            ps.executeBatch();
        }
        writeHead(c, tenantId, head.advancedBy(ids.size()));
        return ids.size();
    }

    /** A change and the number it was given. */
    public record Numbered(long number, Change change) {
    }

    /** The tenant's changes numbered after {@code after}, in order, at most {@code limit}. */
    public List<Numbered> read(Connection c, String tenantId, long after, int limit) throws SQLException {
        List<Numbered> entries = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT feed_no, resource_id, start_at, end_at, kind,"
                + " booking_id, status, changed_at FROM " + t.change() + " WHERE tenant_id = ? AND feed_no > ?"
                + " ORDER BY feed_no" + dialect.limit(limit))) {
            ps.setString(1, tenantId);
            ps.setLong(2, after);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Instant start = dialect.getInstant(rs, "start_at");
                    Interval interval = start == null ? Interval.ALL
                            : Interval.of(start, dialect.getInstant(rs, "end_at"));
                    Change change = new Change(tenantId, rs.getString("resource_id"), interval,
                            ChangeKind.valueOf(rs.getString("kind")), Optional.ofNullable(rs.getString("booking_id")),
                            Optional.ofNullable(rs.getString("status")).map(BookingStatus::valueOf),
                            dialect.getInstant(rs, "changed_at"));
                    entries.add(new Numbered(rs.getLong("feed_no"), change));
                }
            }
        }
        return entries;
    }

    /**
     * The oldest changes made before {@code before}, of every tenant, at most {@code limit}:
     * for each tenant, whether some of them are still unnumbered.
     */
    public Map<String, Boolean> tenantsWithOldChanges(Connection c, Instant before, int limit) throws SQLException {
        Map<String, Boolean> tenants = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT tenant_id, feed_no FROM " + t.change()
                + " WHERE changed_at < ? ORDER BY changed_at" + dialect.limit(limit))) {
            dialect.setInstant(ps, 1, micros(before));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String tenant = rs.getString(1);
                    rs.getLong(2);
                    tenants.merge(tenant, rs.wasNull(), Boolean::logicalOr);
                }
            }
        }
        return tenants;
    }

    /**
     * Forgets the tenant's numbered changes up to the newest of its first {@code limit} made
     * before {@code before}, in the caller's transaction under the head row's lock, and moves the
     * head's pruned point there. Changes numbered below an old one go with it even if newer (clocks
     * of nodes differ), so that what is left is always one unbroken run of numbers.
     *
     * @return how many changes it removed
     */
    public int prune(Connection c, String tenantId, Instant before, int limit) throws SQLException {
        Optional<FeedHead> locked = head(c, tenantId, " FOR UPDATE");
        if (locked.isEmpty()) {
            return 0;
        }
        FeedHead head = locked.get();
        long through = -1;
        try (PreparedStatement ps = c.prepareStatement("SELECT feed_no FROM " + t.change()
                + " WHERE tenant_id = ? AND feed_no > ? AND changed_at < ? ORDER BY feed_no" + dialect.limit(limit))) {
            ps.setString(1, tenantId);
            ps.setLong(2, head.prunedThrough());
            dialect.setInstant(ps, 3, micros(before));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    through = rs.getLong(1);
                }
            }
        }
        if (through < 0) {
            return 0;
        }
        int removed;
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + t.change()
                + " WHERE tenant_id = ? AND feed_no <= ?")) {
            ps.setString(1, tenantId);
            ps.setLong(2, through);
            removed = ps.executeUpdate();
        }
        writeHead(c, tenantId, new FeedHead(head.epoch(), head.last(), through));
        return removed;
    }

    /**
     * The tenant's head, created (with a new epoch, at number 0) if the tenant has none yet, so
     * that even a feed without changes hands out a position that a prune can later reset.
     */
    public FeedHead headCreated(Connection c, String tenantId) throws SQLException {
        Optional<FeedHead> head = head(c, tenantId, "");
        return head.isPresent() ? head.get() : lockHead(c, tenantId);
    }

    private FeedHead lockHead(Connection c, String tenantId) throws SQLException {
        Optional<FeedHead> head = head(c, tenantId, " FOR UPDATE");
        if (head.isPresent()) {
            return head.get();
        }
        FeedHead start = FeedHead.start();
        // Two first numberings at once: one inserts, the other waits for it and keeps its epoch.
        Inserts.ifAbsent(c, dialect, t.changeHead(), HEAD, ps -> {
            ps.setString(1, tenantId);
            ps.setString(2, start.epoch());
            ps.setLong(3, 0);
            ps.setLong(4, 0);
        });
        return head(c, tenantId, " FOR UPDATE").orElseThrow();
    }

    private Optional<FeedHead> head(Connection c, String tenantId, String lock) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT epoch, last_no, pruned_through FROM " + t.changeHead()
                + " WHERE tenant_id = ?" + lock)) {
            ps.setString(1, tenantId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new FeedHead(rs.getString(1), rs.getLong(2), rs.getLong(3)))
                        : Optional.empty();
            }
        }
    }

    private void writeHead(Connection c, String tenantId, FeedHead head) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + t.changeHead()
                + " SET last_no = ?, pruned_through = ? WHERE tenant_id = ?")) {
            ps.setLong(1, head.last());
            ps.setLong(2, head.prunedThrough());
            ps.setString(3, tenantId);
            ps.executeUpdate();
        }
    }
}
