package io.bookingkit.jdbc.internal;

import io.bookingkit.jdbc.dialect.Dialect;
import io.bookingkit.notify.NotificationKind;
import io.bookingkit.notify.OutboxBacklog;
import io.bookingkit.notify.OutboxMessage;
import io.bookingkit.template.Channel;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The transactional outbox table: messages are inserted in the booking's own transaction, and
 * claimed in batches by dispatchers on any node. A claim is a conditional update of
 * {@code claimed_until}, so two dispatchers can never hold the same message at once; where the
 * database has {@code SKIP LOCKED}, candidates are also picked without waiting on each other.
 */
public final class OutboxSql {

    private static final String COLUMNS = "id, tenant_id, booking_id, kind, channel, recipient, locale, due_at, dedupe_key, attempts";

    private final Dialect dialect;
    private final Tables t;

    public OutboxSql(Dialect dialect, Tables tables) {
        this.dialect = dialect;
        this.t = tables;
    }

    /** Holds the message's insert in {@code w}. */
    public void insert(WriteBatch w, OutboxMessage m) {
        w.add("INSERT INTO " + t.outbox() + " (" + COLUMNS + ", claimed_until, parked, last_error) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, NULL)", p -> p
                .string(m.id()).string(m.tenantId()).string(m.bookingId()).string(m.kind().name())
                .string(m.channel().map(Channel::name).orElse(null)).string(m.recipient())
                .string(m.locale().toLanguageTag()).instant(m.dueAt()).string(m.dedupeKey()).integer(m.attempts())
                .flag(false));
    }

    public void discardReminders(Connection c, String tenantId, String bookingId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + t.outbox()
                + " WHERE tenant_id = ? AND booking_id = ? AND kind = ? AND parked = ?")) {
            ps.setString(1, tenantId);
            ps.setString(2, bookingId);
            ps.setString(3, NotificationKind.REMINDER.name());
            ps.setBoolean(4, false);
            ps.executeUpdate();
        }
    }

    /** Claims up to {@code limit} due messages in the caller's transaction. */
    public List<OutboxMessage> claim(Connection c, Instant now, int limit, Duration lease) throws SQLException {
        Instant at = BookingSql.micros(now);
        List<OutboxMessage> candidates = new ArrayList<>();
        String sql = "SELECT " + COLUMNS + " FROM " + t.outbox() + " WHERE parked = ? AND due_at <= ? "
                + "AND (claimed_until IS NULL OR claimed_until <= ?) ORDER BY due_at, id" + dialect.limit(limit)
                + (dialect.supportsSkipLocked() ? " FOR UPDATE SKIP LOCKED" : "");
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setBoolean(1, false);
            dialect.setInstant(ps, 2, at);
            dialect.setInstant(ps, 3, at);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    candidates.add(read(rs));
                }
            }
        }
        List<OutboxMessage> claimed = new ArrayList<>(candidates.size());
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + t.outbox() + " SET claimed_until = ? WHERE id = ? "
                + "AND parked = ? AND (claimed_until IS NULL OR claimed_until <= ?)")) {
            for (OutboxMessage m : candidates) {
                dialect.setInstant(ps, 1, BookingSql.micros(now.plus(lease)));
                ps.setString(2, m.id());
                ps.setBoolean(3, false);
                dialect.setInstant(ps, 4, at);
                if (ps.executeUpdate() == 1) {
                    claimed.add(m);
                }
            }
        }
        return claimed;
    }

    public void delete(Connection c, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + t.outbox() + " WHERE id = ?")) {
            ps.setString(1, id);
            ps.executeUpdate();
        }
    }

    public void fail(Connection c, String id, Instant retryAt, String error, boolean park) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + t.outbox() + " SET attempts = attempts + 1, due_at = ?, "
                + "claimed_until = NULL, parked = ?, last_error = ? WHERE id = ?")) {
            dialect.setInstant(ps, 1, BookingSql.micros(retryAt));
            ps.setBoolean(2, park);
            ps.setString(3, error == null ? null : error.substring(0, Math.min(error.length(), 4000)));
            ps.setString(4, id);
            ps.executeUpdate();
        }
    }

    public List<OutboxMessage> parked(Connection c, String tenantId) throws SQLException {
        List<OutboxMessage> result = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM " + t.outbox()
                + " WHERE tenant_id = ? AND parked = ? ORDER BY due_at, id")) {
            ps.setString(1, tenantId);
            ps.setBoolean(2, true);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    result.add(read(rs));
                }
            }
        }
        return result;
    }

    /**
     * The backlog at {@code now}, in one statement of three subqueries that the index on
     * (parked, due_at) answers.
     */
    public OutboxBacklog backlog(Connection c, Instant now) throws SQLException {
        Instant at = BookingSql.micros(now);
        String unparkedDue = " FROM " + t.outbox() + " WHERE parked = ? AND due_at <= ?";
        try (PreparedStatement ps = c.prepareStatement("SELECT (SELECT COUNT(*)" + unparkedDue + ") AS due, "
                + "(SELECT MIN(due_at)" + unparkedDue + ") AS oldest, "
                + "(SELECT COUNT(*) FROM " + t.outbox() + " WHERE parked = ?) AS parked")) {
            ps.setBoolean(1, false);
            dialect.setInstant(ps, 2, at);
            ps.setBoolean(3, false);
            dialect.setInstant(ps, 4, at);
            ps.setBoolean(5, true);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                long due = rs.getLong("due");
                Optional<Instant> oldest = due == 0 ? Optional.empty() : Optional.of(dialect.getInstant(rs, "oldest"));
                return new OutboxBacklog(now, due, oldest, rs.getLong("parked"));
            }
        }
    }

    private OutboxMessage read(ResultSet rs) throws SQLException {
        String channel = rs.getString("channel");
        return new OutboxMessage(rs.getString("id"), rs.getString("tenant_id"), rs.getString("booking_id"),
                NotificationKind.valueOf(rs.getString("kind")), Optional.ofNullable(channel).map(Channel::of),
                rs.getString("recipient"), Locale.forLanguageTag(rs.getString("locale")), dialect.getInstant(rs, "due_at"),
                rs.getString("dedupe_key"), rs.getInt("attempts"));
    }
}
