package io.bookingkit.jdbc.internal;

import io.bookingkit.jdbc.dialect.Dialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/** Inserts a row unless one with its primary key exists, in the caller's transaction, on every dialect. */
final class Inserts {

    private Inserts() {
    }

    /**
     * Inserts one row of {@code columns} into {@code table}, bound by {@code binder}, unless a row
     * with its primary key exists (committed, or inserted by a transaction this one then waits
     * for), which is kept as it is.
     *
     * @return whether the row was inserted
     */
    static boolean ifAbsent(Connection c, Dialect dialect, String table, List<String> columns, Binder binder)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(dialect.insertIfAbsent(table, columns))) {
            binder.bind(ps);
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            if (dialect.rowExists(e)) {
                return false;
            }
            throw e;
        }
    }
}
