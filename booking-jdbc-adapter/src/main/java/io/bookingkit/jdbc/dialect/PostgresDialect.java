package io.bookingkit.jdbc.dialect;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** PostgreSQL 12+: {@code timestamptz} columns, an exclusion constraint as a backstop, {@code SKIP LOCKED}. */
public final class PostgresDialect implements Dialect {

    @Override
    public String name() {
        return "PostgreSQL";
    }

    @Override
    public String schemaFolder() {
        return "postgresql";
    }

    /** A session-level advisory lock, keyed by the name's {@link String#hashCode()}, stable by its specification. */
    @Override
    public boolean lockSchema(Connection connection, String name) throws SQLException {
        advisory(connection, "pg_advisory_lock", name);
        return true;
    }

    @Override
    public void unlockSchema(Connection connection, String name) throws SQLException {
        advisory(connection, "pg_advisory_unlock", name);
    }

    private static void advisory(Connection connection, String function, String name) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT " + function + "(?)")) {
            ps.setLong(1, name.hashCode());
            ps.executeQuery().close();
        }
    }

    @Override
    public String limit(int rows) {
        return " LIMIT " + rows;
    }

    @Override
    public String insertIfAbsent(String table, List<String> columns) {
        return Dialects.insert(table, columns) + " ON CONFLICT DO NOTHING";
    }

    @Override
    public Optional<String> updateReturning(String update, String columns) {
        return Optional.of(update + " RETURNING " + columns);
    }

    @Override
    public boolean supportsSkipLocked() {
        return true;
    }

    @Override
    public boolean aggregatesInSql() {
        return true;
    }

    @Override
    public String materialized() {
        // OFFSET 0 keeps the planner from pulling the subquery up into the join.
        return " OFFSET 0";
    }

    @Override
    public String microsSince(Instant origin, String column) {
        // date_part's float8 of a short interval is exact to well below a microsecond, and several
        // times faster than EXTRACT's numeric.
        return "CAST(ROUND(date_part('epoch', " + column + " - TIMESTAMPTZ '" + origin + "') * 1000000) AS BIGINT)";
    }

    @Override
    public Failure classify(SQLException e) {
        for (SQLException s : SqlStates.chain(e)) {
            String state = s.getSQLState();
            if ("40001".equals(state) || "40P01".equals(state) || "55P03".equals(state)) {
                return Failure.RETRY;
            }
            if ("23P01".equals(state) && String.valueOf(s.getMessage()).contains("no_overlap")) {
                return Failure.OVERLAP;
            }
            if ("23505".equals(state)) {
                return Failure.DUPLICATE;
            }
        }
        return Failure.OTHER;
    }
}
