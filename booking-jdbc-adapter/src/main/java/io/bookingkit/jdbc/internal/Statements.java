package io.bookingkit.jdbc.internal;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * Statements whose text may begin with the dialect's transaction settings, which travel in the
 * same round trip and answer with update counts before the statement's own result.
 */
final class Statements {

    private Statements() {
    }

    /** {@code sql}, with {@code settings} in front when there are any. */
    static String after(Optional<String> settings, String sql) {
        return settings.map(s -> s + "; " + sql).orElse(sql);
    }

    /** Runs {@code ps} and returns the first result set it answers with. */
    static ResultSet query(PreparedStatement ps) throws SQLException {
        boolean rows = ps.execute();
        while (!rows) {
            if (ps.getUpdateCount() == -1) {
                throw new SQLException("The statement returned no rows");
            }
            rows = ps.getMoreResults();
        }
        return ps.getResultSet();
    }

    /** Runs {@code ps} and returns the last statement's update count. */
    static int update(PreparedStatement ps) throws SQLException {
        boolean rows = ps.execute();
        int count = -1;
        while (rows || ps.getUpdateCount() != -1) {
            if (!rows) {
                count = ps.getUpdateCount();
            }
            rows = ps.getMoreResults();
        }
        return count;
    }
}
