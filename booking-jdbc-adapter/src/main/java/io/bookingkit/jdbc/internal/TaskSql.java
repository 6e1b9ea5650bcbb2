package io.bookingkit.jdbc.internal;

import static io.bookingkit.jdbc.internal.BookingSql.micros;

import io.bookingkit.jdbc.dialect.Dialect;
import io.bookingkit.spi.ScheduledTask;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The task table: a row per tenant, kind and subject, scheduled and completed (deleted) in units
 * of work, claimed in batches by maintenance runs on any node. A claim works as the outbox's: a
 * conditional update of {@code claimed_until}, so two runs never hold one task at once; where the
 * database has {@code SKIP LOCKED}, candidates are also picked without waiting on each other.
 */
public final class TaskSql {

    private static final List<String> INSERTED = List.of("tenant_id", "kind", "subject", "due_at");

    private final Dialect dialect;
    private final Tables t;

    public TaskSql(Dialect dialect, Tables tables) {
        this.dialect = dialect;
        this.t = tables;
    }

    /**
     * Adds {@code task} unless its tenant, kind and subject are taken; the task already there,
     * claimed or not, keeps its time. A concurrent unit scheduling the same task is waited for,
     * and neither fails.
     */
    public void schedule(Connection c, ScheduledTask task) throws SQLException {
        Inserts.ifAbsent(c, dialect, t.task(), INSERTED, ps -> {
            ps.setString(1, task.tenantId());
            ps.setString(2, task.kind().name());
            ps.setString(3, task.subject());
            dialect.setInstant(ps, 4, micros(task.dueAt()));
        });
    }

    /**
     * Deletes the task. A unit completing it concurrently waits for the row lock of the first
     * and then finds no row, so only one of them is told it was there.
     *
     * @return whether there was a row
     */
    public boolean complete(Connection c, String tenantId, ScheduledTask.Kind kind, String subject) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + t.task()
                + " WHERE tenant_id = ? AND kind = ? AND subject = ?")) {
            ps.setString(1, tenantId);
            ps.setString(2, kind.name());
            ps.setString(3, subject);
            return ps.executeUpdate() > 0;
        }
    }

    /** Claims up to {@code limit} due tasks of every tenant in the caller's transaction, oldest due first. */
    public List<ScheduledTask> claim(Connection c, Instant now, int limit, Duration lease) throws SQLException {
        Instant at = micros(now);
        List<ScheduledTask> candidates = new ArrayList<>();
        String sql = "SELECT tenant_id, kind, subject, due_at FROM " + t.task() + " WHERE due_at <= ? "
                + "AND (claimed_until IS NULL OR claimed_until <= ?) ORDER BY due_at, tenant_id, kind, subject"
                + dialect.limit(limit) + (dialect.supportsSkipLocked() ? " FOR UPDATE SKIP LOCKED" : "");
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            dialect.setInstant(ps, 1, at);
            dialect.setInstant(ps, 2, at);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    candidates.add(new ScheduledTask(rs.getString("tenant_id"),
                            ScheduledTask.Kind.valueOf(rs.getString("kind")), rs.getString("subject"),
                            dialect.getInstant(rs, "due_at")));
                }
            }
        }
        List<ScheduledTask> claimed = new ArrayList<>(candidates.size());
        // The due time is part of the condition: a task completed and scheduled again since the
        // candidates were read (possible without SKIP LOCKED) is another task, not this one.
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + t.task() + " SET claimed_until = ? WHERE tenant_id = ? "
                + "AND kind = ? AND subject = ? AND due_at = ? AND (claimed_until IS NULL OR claimed_until <= ?)")) {
            for (ScheduledTask task : candidates) {
                dialect.setInstant(ps, 1, micros(now.plus(lease)));
                ps.setString(2, task.tenantId());
                ps.setString(3, task.kind().name());
                ps.setString(4, task.subject());
                dialect.setInstant(ps, 5, task.dueAt());
                dialect.setInstant(ps, 6, at);
                if (ps.executeUpdate() == 1) {
                    claimed.add(task);
                }
            }
        }
        return claimed;
    }
}
