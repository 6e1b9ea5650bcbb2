package io.bookingkit.jdbc.internal;

import java.sql.SQLException;

/** Carries a {@link SQLException} through lambdas to the transaction loop that classifies it. */
public final class SqlFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public SqlFailure(SQLException cause) {
        super(cause);
    }

    public SQLException sqlException() {
        return (SQLException) getCause();
    }
}
