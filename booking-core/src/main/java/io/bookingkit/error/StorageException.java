package io.bookingkit.error;

import java.util.Optional;

/**
 * The store failed for a reason the domain cannot interpret (a lost connection, a full disk,
 * a retry budget spent). Nothing of the failed unit of work was written.
 */
public class StorageException extends BookingException {

    private static final long serialVersionUID = 1L;

    private final String sqlState;

    public StorageException(String message, Throwable cause) {
        this(message, null, cause);
    }

    public StorageException(String message, String sqlState, Throwable cause) {
        super(message, cause);
        this.sqlState = sqlState;
    }

    /** The SQLSTATE the database reported, when the store is a database. */
    public Optional<String> sqlState() {
        return Optional.ofNullable(sqlState);
    }
}
