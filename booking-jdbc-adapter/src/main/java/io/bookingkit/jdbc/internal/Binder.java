package io.bookingkit.jdbc.internal;

import java.sql.PreparedStatement;
import java.sql.SQLException;

/** Binds a prepared statement's parameters. */
@FunctionalInterface
interface Binder {
    void bind(PreparedStatement ps) throws SQLException;
}
