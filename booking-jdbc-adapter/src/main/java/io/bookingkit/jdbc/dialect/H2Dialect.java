package io.bookingkit.jdbc.dialect;

import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * H2 2.x: {@code timestamp with time zone} columns; no {@code SKIP LOCKED}, so outbox and task
 * claims are conditional updates only; no insert that keeps an existing row, so a duplicate key is
 * ignored after a plain INSERT.
 */
public final class H2Dialect implements Dialect {

    @Override
    public String name() {
        return "H2";
    }

    @Override
    public String schemaFolder() {
        return "h2";
    }

    @Override
    public String limit(int rows) {
        return " FETCH FIRST " + rows + " ROWS ONLY";
    }

    @Override
    public String insertIfAbsent(String table, List<String> columns) {
        // MERGE … KEY would overwrite the kept row's other columns, and both MERGE and
        // INSERT … WHERE NOT EXISTS fail on a key a concurrent transaction inserted. A plain
        // INSERT waits for that transaction, and its duplicate-key failure undoes the statement
        // only, so the store can take it for "the row exists".
        return Dialects.insert(table, columns);
    }

    @Override
    public boolean rowExists(SQLException e) {
        return SqlStates.chain(e).stream().anyMatch(s -> "23505".equals(s.getSQLState()));
    }

    @Override
    public Optional<String> updateReturning(String update, String columns) {
        return Optional.of("SELECT " + columns + " FROM FINAL TABLE (" + update + ")");
    }

    /**
     * H2's query cache: measured on H2 2.3, a session that repeats a query it ran while another
     * transaction's change was not yet committed can get that earlier result again after the
     * change commits (the cache is keyed by a modification count that the commit does not move).
     * A unit that read a booking just before waiting for its lock then decides on the old copy;
     * the version check refuses its update, so the caller gets a spurious
     * {@code StaleBookingException}. H2 sets the cache's size only in the URL.
     */
    @Override
    public List<String> configurationProblems(java.sql.Connection connection) throws SQLException {
        try (java.sql.Statement st = connection.createStatement();
             java.sql.ResultSet rs = st.executeQuery("SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS "
                     + "WHERE SETTING_NAME = 'QUERY_CACHE_SIZE'")) {
            if (rs.next() && !"0".equals(rs.getString(1).trim())) {
                return List.of("H2's query cache (QUERY_CACHE_SIZE=" + rs.getString(1).trim() + ") can answer a read "
                        + "under a unit's lock with rows from before the lock holder committed; add "
                        + "';QUERY_CACHE_SIZE=0' to the JDBC URL");
            }
            return List.of();
        }
    }

    @Override
    public boolean supportsSkipLocked() {
        return false;
    }

    @Override
    public Failure classify(SQLException e) {
        for (SQLException s : SqlStates.chain(e)) {
            String state = s.getSQLState();
            // 40001 deadlock, HYT00 lock timeout (error 50200), 90131 concurrent update.
            if ("40001".equals(state) || "HYT00".equals(state) || s.getErrorCode() == 50200 || "90131".equals(state)) {
                return Failure.RETRY;
            }
            if ("23505".equals(state)) {
                return Failure.DUPLICATE;
            }
        }
        return Failure.OTHER;
    }
}
