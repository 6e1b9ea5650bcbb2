package io.bookingkit.jdbc.internal;

import io.bookingkit.error.StorageException;
import io.bookingkit.jdbc.dialect.Dialect;
import io.bookingkit.spi.DuplicateBookingException;
import io.bookingkit.spi.OverlapRefusedException;
import io.bookingkit.spi.UnitProbe;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store's transaction and retry loop: each piece of work runs in one READ COMMITTED
 * transaction (set, and checked, here, or pinned by the dialect's transaction settings); what the dialect calls retryable is rolled back and
 * run again a bounded number of times with jittered backoff; a unique key violation becomes
 * {@link DuplicateBookingException}, the overlap constraint {@link OverlapRefusedException},
 * and any other database error a {@link StorageException} carrying its SQLSTATE. Thread-safe.
 */
public final class Transactions {

    private static final Logger LOG = LoggerFactory.getLogger(Transactions.class);

    /** Work on one connection inside a transaction. */
    @FunctionalInterface
    public interface SqlWork<T> {
        T run(Connection connection) throws SQLException;
    }

    /** One JDBC call, for code that cannot throw {@link SQLException} itself. */
    @FunctionalInterface
    public interface SqlCall<T> {
        T call() throws SQLException;
    }

    private final DataSource dataSource;
    private final Dialect dialect;
    private final int maxRetries;
    private final Duration retryBackoff;

    public Transactions(DataSource dataSource, Dialect dialect, int maxRetries, Duration retryBackoff) {
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.maxRetries = maxRetries;
        this.retryBackoff = retryBackoff;
    }

    /** Runs {@code call}, carrying an {@link SQLException} up to {@link #run} as a {@link SqlFailure}. */
    public static <T> T sql(SqlCall<T> call) {
        try {
            return call.call();
        } catch (SQLException e) {
            throw new SqlFailure(e);
        }
    }

    /** Runs {@code work} in one READ COMMITTED transaction, retrying and translating failures. */
    public <T> T run(SqlWork<T> work) {
        return run(work, UnitProbe.NONE);
    }

    /** {@link #run(SqlWork)}, telling {@code probe} why each retry happens. */
    public <T> T run(SqlWork<T> work, UnitProbe probe) {
        return run(work, probe, false);
    }

    /**
     * {@link #run(SqlWork, UnitProbe)} for work whose first statement starts with the dialect's
     * {@linkplain Dialect#transactionSettings() transaction settings}, so that they cost no round
     * trip of their own.
     */
    public <T> T runSendingSettings(SqlWork<T> work, UnitProbe probe) {
        return run(work, probe, true);
    }

    /**
     * {@link #runSendingSettings} for work that has another way to be done: a failure the dialect
     * calls retryable (a deadlock, a lock timeout) is rolled back and answers empty instead of
     * running the work again, and {@code probe} hears of it as of a retry.
     */
    public <T> Optional<T> runOnceSendingSettings(SqlWork<Optional<T>> work, UnitProbe probe) {
        try {
            return once(work, true);
        } catch (SqlFailure failure) {
            SQLException e = failure.sqlException();
            Dialect.Failure kind = dialect.classify(e);
            if (kind != Dialect.Failure.RETRY) {
                throw translated(kind, e);
            }
            LOG.debug("A unit of work that another way can do met SQLSTATE {}; handing it on", e.getSQLState());
            probe.retrying(cause(e));
            return Optional.empty();
        }
    }

    private <T> T run(SqlWork<T> work, UnitProbe probe, boolean workSendsSettings) {
        int attempt = 0;
        while (true) {
            attempt++;
            try {
                return once(work, workSendsSettings);
            } catch (SqlFailure failure) {
                SQLException e = failure.sqlException();
                Dialect.Failure kind = dialect.classify(e);
                if (kind != Dialect.Failure.RETRY) {
                    throw translated(kind, e);
                }
                if (attempt > maxRetries) {
                    throw new StorageException("Gave up after " + attempt + " attempts; the database kept "
                            + "reporting contention (SQLSTATE " + e.getSQLState() + ")", e.getSQLState(), e);
                }
                LOG.debug("Retrying unit of work after SQLSTATE {} (attempt {})", e.getSQLState(), attempt);
                probe.retrying(cause(e));
                backoff(attempt);
            }
        }
    }

    private static String cause(SQLException e) {
        return e.getSQLState() != null ? e.getSQLState() : "vendor-" + e.getErrorCode();
    }

    /** The domain's exception for {@code e}, a failure of {@code kind} that is not retried. */
    private static RuntimeException translated(Dialect.Failure kind, SQLException e) {
        return switch (kind) {
            case DUPLICATE -> new DuplicateBookingException("A booking with this id or idempotency key, "
                    + "or a waitlist entry with this id, already exists (SQLSTATE " + e.getSQLState() + ")", e);
            case OVERLAP -> new OverlapRefusedException("the database's overlap constraint (SQLSTATE "
                    + e.getSQLState() + ")", e);
            default -> new StorageException("Database error (SQLSTATE " + e.getSQLState() + ", code "
                    + e.getErrorCode() + "): " + e.getMessage(), e.getSQLState(), e);
        };
    }

    private <T> T once(SqlWork<T> work, boolean workSendsSettings) {
        Connection c;
        try {
            c = dataSource.getConnection();
        } catch (SQLException e) {
            throw new SqlFailure(e);
        }
        try (c) {
            boolean autoCommit = c.getAutoCommit();
            Optional<String> settings = dialect.transactionSettings();
            // With settings for the transaction, the connection's own isolation does not matter.
            int isolation = settings.isPresent() ? Connection.TRANSACTION_READ_COMMITTED : c.getTransactionIsolation();
            // Each setting costs a round trip on some drivers, so change only what differs.
            if (isolation != Connection.TRANSACTION_READ_COMMITTED) {
                c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
                if (c.getTransactionIsolation() != Connection.TRANSACTION_READ_COMMITTED) {
                    throw new StorageException("The connection refused READ COMMITTED isolation, which the "
                            + "no-double-booking guarantee depends on", null);
                }
            }
            if (autoCommit) {
                c.setAutoCommit(false);
            }
            try {
                if (settings.isPresent() && !workSendsSettings) {
                    try (Statement s = c.createStatement()) {
                        s.execute(settings.get());
                    }
                }
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException e) {
                rollback(c);
                throw new SqlFailure(e);
            } catch (RuntimeException | Error e) {
                rollback(c);
                throw e;
            } finally {
                restore(c, autoCommit, isolation);
            }
        } catch (SQLException e) {
            throw new SqlFailure(e);
        }
    }

    private void rollback(Connection c) {
        try {
            if (c.isClosed()) {
                // The pool or the driver already closed it after the failure; the database
                // rolls back a transaction whose connection is gone.
                return;
            }
            c.rollback();
        } catch (SQLException e) {
            if (dialect.classify(e) == Dialect.Failure.RETRY) {
                // A Galera node that aborted the transaction for a conflicting write set from
                // another node reports the abort once more on ROLLBACK; it is already undone.
                LOG.debug("Rollback reported SQLSTATE {}: the database had already rolled back", e.getSQLState());
            } else {
                LOG.warn("Rollback failed (SQLSTATE {})", e.getSQLState(), e);
            }
        }
    }

    private static void restore(Connection c, boolean autoCommit, int isolation) {
        try {
            if (!c.isClosed()) {
                if (isolation != Connection.TRANSACTION_READ_COMMITTED) {
                    c.setTransactionIsolation(isolation);
                }
                if (autoCommit) {
                    c.setAutoCommit(true);
                }
            }
        } catch (SQLException e) {
            LOG.debug("Could not restore connection settings", e);
        }
    }

    private void backoff(int attempt) {
        long base = retryBackoff.toMillis() * (1L << Math.min(attempt - 1, 6));
        long sleep = base / 2 + ThreadLocalRandom.current().nextLong(base / 2 + 1);
        try {
            Thread.sleep(sleep);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageException("Interrupted while waiting to retry", e);
        }
    }
}
