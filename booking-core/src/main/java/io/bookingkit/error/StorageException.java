package io.bookingkit.error;

import java.util.Optional;

/**
 * The store failed for a reason the domain cannot interpret (a lost connection, a full disk,
 * a retry budget spent). Nothing of the failed unit of work was written.
 */
public class StorageException extends BookingException {

    private static final long serialVersionUID = 1L;

    /** The SQLSTATE the database reported, or null. */
    private final String sqlState;

    /**
     * A storage failure without an SQLSTATE.
     *
     * @param message what failed
     * @param cause   the underlying failure, such as an {@code SQLException}; may be null
     */
    public StorageException(String message, Throwable cause) {
        this(message, null, cause);
    }

    /**
     * A storage failure with the SQLSTATE the database reported.
     *
     * @param message  what failed
     * @param sqlState the SQLSTATE, or null if there is none
     * @param cause    the underlying failure, such as an {@code SQLException}; may be null
     */
    public StorageException(String message, String sqlState, Throwable cause) {
        super(message, cause);
        this.sqlState = sqlState;
    }

    /**
     * The SQLSTATE the database reported, when the store is a database.
     *
     * @return the SQLSTATE, or empty when there is none
     */
    public Optional<String> sqlState() {
        return Optional.ofNullable(sqlState);
    }
}
