package io.bookingkit.jdbc.internal;

import io.bookingkit.jdbc.dialect.Dialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A unit's writes whose outcome it does not read (inserts, and updates whose row count nobody
 * checks), held until the unit reads or runs another statement, or ends. Then they go together:
 * where the dialect {@linkplain Dialect#joinsStatements() joins statements}, as one multi-statement
 * round trip, which at the end of a unit also carries its {@code COMMIT}; elsewhere as JDBC
 * batches of consecutive rows of one statement. Held writes change nothing the unit decides on
 * before they are sent, and a failing one fails the unit as it would have when run at once. Not
 * thread-safe: it belongs to one unit on one connection.
 */
public final class WriteBatch {

    /** Statements per round trip at most, so that a large unit (a long series) sends bounded messages. */
    private static final int MOST_JOINED = 100;

    /** Binds one write's parameters, in order, through {@link Params}. */
    @FunctionalInterface
    public interface Values {
        void bind(Params p) throws SQLException;
    }

    private record Write(String sql, Values values) {
    }

    private final Dialect dialect;
    private final List<Write> pending = new ArrayList<>();

    public WriteBatch(Dialect dialect) {
        this.dialect = dialect;
    }

    /** Holds the write {@code sql} with its {@code values}. */
    public void add(String sql, Values values) {
        pending.add(new Write(sql, values));
    }

    /** Sends every held write. */
    public void send(Connection c) throws SQLException {
        send(c, false);
    }

    /**
     * Sends every held write at the end of the unit; where statements join, the transaction's
     * {@code COMMIT} travels with the last of them, and the connection's own commit then finds
     * nothing left to do.
     */
    public void finish(Connection c) throws SQLException {
        send(c, dialect.joinsStatements());
    }

    private void send(Connection c, boolean commit) throws SQLException {
        List<Write> writes = List.copyOf(pending);
        pending.clear();
        if (dialect.joinsStatements()) {
            for (int from = 0; from < writes.size(); from += MOST_JOINED) {
                List<Write> part = writes.subList(from, Math.min(writes.size(), from + MOST_JOINED));
                joined(c, part, commit && from + MOST_JOINED >= writes.size());
            }
        } else {
            batched(c, writes);
        }
    }

    private void joined(Connection c, List<Write> writes, boolean commit) throws SQLException {
        StringBuilder sql = new StringBuilder();
        for (Write w : writes) {
            sql.append(sql.isEmpty() ? "" : "; ").append(w.sql());
        }
        if (commit) {
            sql.append("; COMMIT");
        }
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            Params params = new Params(ps, dialect);
            for (Write w : writes) {
                w.values().bind(params);
            }
            ps.execute();
        }
    }

    private void batched(Connection c, List<Write> writes) throws SQLException {
        int i = 0;
        while (i < writes.size()) {
            String sql = writes.get(i).sql();
            int end = i;
            while (end < writes.size() && writes.get(end).sql().equals(sql)) {
                end++;
            }
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                if (end - i == 1) {
                    writes.get(i).values().bind(new Params(ps, dialect));
                    ps.executeUpdate();
                } else {
                    for (Write w : writes.subList(i, end)) {
                        w.values().bind(new Params(ps, dialect));
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
            }
            i = end;
        }
    }

    /**
     * A statement's parameters, set one after another from wherever its first one falls in the
     * joined statement; instants through the dialect, at microsecond precision.
     */
    public static final class Params {
        private final PreparedStatement ps;
        private final Dialect dialect;
        private int next = 1;

        Params(PreparedStatement ps, Dialect dialect) {
            this.ps = ps;
            this.dialect = dialect;
        }

        public Params string(String value) throws SQLException {
            ps.setString(next++, value);
            return this;
        }

        public Params integer(Integer value) throws SQLException {
            ps.setObject(next++, value, Types.INTEGER);
            return this;
        }

        public Params number(long value) throws SQLException {
            ps.setLong(next++, value);
            return this;
        }

        public Params flag(boolean value) throws SQLException {
            ps.setBoolean(next++, value);
            return this;
        }

        public Params instant(Instant value) throws SQLException {
            dialect.setInstant(ps, next++, BookingSql.micros(value));
            return this;
        }
    }
}
