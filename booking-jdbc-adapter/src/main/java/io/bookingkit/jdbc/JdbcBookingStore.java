package io.bookingkit.jdbc;

import io.bookingkit.error.InvalidRequestException;
import io.bookingkit.feed.Change;
import io.bookingkit.jdbc.dialect.Dialect;
import io.bookingkit.jdbc.dialect.Dialects;
import io.bookingkit.jdbc.internal.BookingSql;
import io.bookingkit.jdbc.internal.ChangeSql;
import io.bookingkit.jdbc.internal.JdbcChangeLog;
import io.bookingkit.jdbc.internal.JdbcOutbox;
import io.bookingkit.jdbc.internal.JdbcReads;
import io.bookingkit.jdbc.internal.JdbcTaskQueue;
import io.bookingkit.jdbc.internal.JdbcUnit;
import io.bookingkit.jdbc.internal.LockStep;
import io.bookingkit.jdbc.internal.OutboxSql;
import io.bookingkit.jdbc.internal.ResourceSql;
import io.bookingkit.jdbc.internal.StatsSql;
import io.bookingkit.jdbc.internal.TaskSql;
import io.bookingkit.jdbc.internal.Tables;
import io.bookingkit.jdbc.internal.Transactions;
import io.bookingkit.jdbc.internal.WriteBatch;
import io.bookingkit.jdbc.internal.WaitlistSql;
import io.bookingkit.resource.Resource;
import io.bookingkit.spi.AggregateQuery;
import io.bookingkit.spi.Aggregates;
import io.bookingkit.spi.BookingReads;
import io.bookingkit.spi.BookingStore;
import io.bookingkit.spi.DuplicateBookingException;
import io.bookingkit.spi.ChangeLog;
import io.bookingkit.spi.Outbox;
import io.bookingkit.spi.OverlapRefusedException;
import io.bookingkit.spi.TaskQueue;
import io.bookingkit.spi.UnitOfWork;
import io.bookingkit.spi.UnitProbe;
import io.bookingkit.error.StorageException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;
import javax.sql.DataSource;
import org.threeten.extra.Interval;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link BookingStore} on PostgreSQL, MariaDB/MySQL or H2, over any {@link DataSource}.
 *
 * <p>Every unit of work runs in one transaction at READ COMMITTED (set, and checked, by the
 * store). Its first statements lock the rows of the affected resources, one at a time in sorted
 * order so that two units cannot deadlock each other, by writing them: each row's
 * {@code lock_version} goes up by one (the customer's row too, when per-customer limits apply).
 * The row lock keeps two units on one database node apart; the changed row makes a multi-primary
 * cluster such as Galera, which finds conflicts between nodes only on rows both transactions
 * wrote, abort one of two units on different nodes at commit. Only after the lock are resources
 * and bookings read, so every decision sees every booking committed before it, and a stale read
 * on a cluster node is caught by the conflict. On PostgreSQL an exclusion constraint on one-seat
 * resources is a second line of defence. Deadlocks, lock timeouts and serialization failures are rolled back and retried a
 * bounded number of times with jittered backoff; a unique key violation becomes
 * {@link DuplicateBookingException}, the exclusion constraint an {@link OverlapRefusedException},
 * and any other database error a {@link StorageException} carrying its SQLSTATE. A failed unit
 * leaves nothing written.
 *
 * <p>Scheduled maintenance tasks are rows written in the units of work that schedule and complete
 * them (a completion is a delete whose row count says whether this unit was first); maintenance
 * runs claim due ones the way dispatchers claim outbox messages.
 *
 * <p>The change feed's rows are inserted by the units of work without a number, so writers share
 * no row; reading the feed first numbers the committed ones, in a short transaction that locks and
 * writes the tenant's head row, so numbers become visible in the order they grow (two nodes of a
 * Galera cluster numbering at once conflict at certification, and one retries).
 *
 * <p>Create the tables with {@link Schema#create(DataSource)} or with the versioned scripts
 * shipped under {@code io/bookingkit/jdbc/schema/<database>/} ({@link Schema#scripts}).
 *
 * <p>Thread-safe; share one instance per data source.
 */
public final class JdbcBookingStore implements BookingStore {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcBookingStore.class);

    private final Config config;
    private final Dialect dialect;
    private final Transactions transactions;
    private final ResourceSql resources;
    private final BookingSql bookings;
    private final WaitlistSql entries;
    private final StatsSql stats;
    private final JdbcUnit.Sql unitSql;
    private final Outbox outbox;
    private final TaskQueue tasks;
    private final ChangeSql changeSql;
    private final ChangeLog changeLog;

    private JdbcBookingStore(Config config) {
        this.config = config;
        this.dialect = config.dialect.orElseGet(() -> Dialects.detect(config.dataSource));
        LOG.info("bookingkit JDBC store uses the {} dialect (tables {}*)", dialect.name(), config.tablePrefix);
        warnOfConfigurationProblems(config.dataSource, dialect);
        Tables tables = Tables.of(config.schema, config.tablePrefix);
        this.transactions = new Transactions(config.dataSource, dialect, config.maxRetries, config.retryBackoff);
        this.resources = new ResourceSql(dialect, tables);
        this.bookings = new BookingSql(dialect, tables);
        OutboxSql outboxSql = new OutboxSql(dialect, tables);
        this.entries = new WaitlistSql(dialect, tables);
        this.stats = new StatsSql(dialect, tables);
        TaskSql taskSql = new TaskSql(dialect, tables);
        this.changeSql = new ChangeSql(dialect, tables);
        this.unitSql = new JdbcUnit.Sql(bookings, resources, outboxSql, entries, taskSql, changeSql);
        this.outbox = new JdbcOutbox(transactions, outboxSql);
        this.tasks = new JdbcTaskQueue(transactions, taskSql);
        this.changeLog = new JdbcChangeLog(transactions, changeSql);
    }

    /**
     * A store with the default settings.
     *
     * @param dataSource where the store gets its connections; the dialect is detected from its
     *                   metadata
     * @return a store with the {@code bk_} table prefix in the connection's default schema, 10
     *         retries and a 10 ms first backoff
     * @throws StorageException if the database cannot be reached or is not one bookingkit supports
     */
    public static JdbcBookingStore create(DataSource dataSource) {
        return builder(dataSource).build();
    }

    /**
     * Settings for a store over {@code dataSource}.
     *
     * @param dataSource where the store gets its connections
     * @return a builder with the default settings
     */
    public static Config.Builder builder(DataSource dataSource) {
        return new Config.Builder(dataSource);
    }

    /**
     * The dialect in use.
     *
     * @return the dialect given to the builder, or else the one detected from the connection's
     *         metadata
     */
    public Dialect dialect() {
        return dialect;
    }

    /**
     * The settings in use.
     *
     * @return the settings the store was built with
     */
    public Config config() {
        return config;
    }

    @Override
    public void saveResource(Resource r) {
        Objects.requireNonNull(r, "resource must not be null");
        upsert(r, Optional.empty());
    }

    @Override
    public void saveResource(Resource r, Change change) {
        Objects.requireNonNull(r, "resource must not be null");
        Objects.requireNonNull(change, "change must not be null");
        upsert(r, Optional.of(change));
    }

    private void upsert(Resource r, Optional<Change> change) {
        Transactions.SqlWork<Void> upsert = c -> {
            resources.upsert(c, r);
            if (change.isPresent()) {
                WriteBatch write = new WriteBatch(dialect);
                changeSql.insert(write, change.get());
                write.send(c);
            }
            return null;
        };
        try {
            transactions.run(upsert);
        } catch (DuplicateBookingException e) {
            // Another node inserted the same new resource between our update and our insert;
            // the second attempt finds its row and updates it.
            transactions.run(upsert);
        }
    }

    @Override
    public Optional<Resource> findResource(String tenantId, String resourceId) {
        Objects.requireNonNull(tenantId, "tenantId must not be null");
        Objects.requireNonNull(resourceId, "resourceId must not be null");
        return transactions.run(c -> resources.find(c, tenantId, resourceId)).stream().findFirst();
    }

    @Override
    public List<Resource> resources(String tenantId) {
        Objects.requireNonNull(tenantId, "tenantId must not be null");
        return transactions.run(c -> resources.find(c, tenantId, null));
    }

    @Override
    public BookingReads reads(String tenantId) {
        return new JdbcReads(transactions, bookings, entries, tenantId);
    }

    @Override
    public <T> T inUnitOfWork(String tenantId, Collection<String> resourceIds, Function<UnitOfWork, T> work) {
        return inUnitOfWork(tenantId, resourceIds, work, UnitProbe.NONE);
    }

    /** Tells {@code probe} the SQLSTATE of every retry (or the vendor code where there is none). */
    @Override
    public <T> T inUnitOfWork(String tenantId, Collection<String> resourceIds, Function<UnitOfWork, T> work,
                              UnitProbe probe) {
        Objects.requireNonNull(tenantId, "tenantId must not be null");
        Objects.requireNonNull(resourceIds, "resourceIds must not be null");
        Objects.requireNonNull(work, "work must not be null");
        Objects.requireNonNull(probe, "probe must not be null");
        List<String> sorted = new ArrayList<>(new TreeSet<>(resourceIds));
        // The lock's first statement carries the transaction's settings, and the unit's last
        // writes its commit, where the dialect can send them so.
        Transactions.SqlWork<T> inUnit = c -> {
            JdbcUnit unit = new JdbcUnit(c, tenantId,
                    resources.lock(c, tenantId, sorted, config.lockStep, dialect.transactionSettings()), unitSql,
                    config.lockStep, dialect);
            T result = work.apply(unit);
            unit.finish();
            return result;
        };
        // No resources (maintenance on a booking that is gone) is a unit without locks: the lock
        // step runs no statement, so the transaction sends its settings on its own.
        return sorted.isEmpty() ? transactions.run(inUnit, probe) : transactions.runSendingSettings(inUnit, probe);
    }

    /**
     * Where the dialect {@linkplain Dialect#refusesOverlaps() refuses overlaps in the schema} and
     * {@linkplain Dialect#joinsStatements() joins statements}: PostgreSQL.
     */
    @Override
    public boolean offersSharedUnits() {
        return dialect.refusesOverlaps() && dialect.joinsStatements();
    }

    /**
     * Where the dialect {@linkplain Dialect#refusesOverlaps() refuses overlaps in the schema}
     * (PostgreSQL): the unit's first statement takes {@code SELECT … FOR SHARE} of the resource
     * row, and a second one, after it, checks that no forced booking (nor one written while the
     * resource had more seats) is in the way; both travel with the transaction's settings in one
     * round trip, and the unit's writes with its commit in one more. A refusal by the exclusion
     * constraint rolls the unit back and answers empty, and so does a deadlock or lock timeout,
     * which is not retried: two shared units whose inserts the constraint checks against each
     * other at the same moment can deadlock, and would again, where the locked way takes turns.
     * Elsewhere it answers empty at once, and so
     * it does for a resource that had more than one seat when this store last read it.
     */
    @Override
    public <T> Optional<T> inSharedUnitOfWork(String tenantId, String resourceId, Interval occupied,
                                              Function<UnitOfWork, T> work, UnitProbe probe) {
        Objects.requireNonNull(tenantId, "tenantId must not be null");
        Objects.requireNonNull(resourceId, "resourceId must not be null");
        Objects.requireNonNull(occupied, "occupied must not be null");
        Objects.requireNonNull(work, "work must not be null");
        Objects.requireNonNull(probe, "probe must not be null");
        if (!offersSharedUnits() || !resources.mayHaveOneSeat(tenantId, resourceId)) {
            return Optional.empty();
        }
        Transactions.SqlWork<Optional<T>> inUnit = c -> {
            Optional<Resource> locked = resources.lockShared(c, tenantId, resourceId, occupied, config.sharedLock,
                    dialect.transactionSettings());
            if (locked.isEmpty()) {
                return Optional.empty();
            }
            JdbcUnit unit = new JdbcUnit(c, tenantId, Map.of(resourceId, locked.get()), unitSql, config.lockStep,
                    dialect);
            T result = work.apply(unit);
            unit.finish();
            return Optional.of(result);
        };
        try {
            return transactions.runOnceSendingSettings(inUnit, probe);
        } catch (OverlapRefusedException e) {
            LOG.debug("The overlap constraint refused a shared unit on resource '{}' of tenant '{}'", resourceId,
                    tenantId, e);
            return Optional.empty();
        }
    }

    /**
     * Adds up in the database, in one statement (see {@code StatsSql}): conditional sums grouped
     * by resource and status, the opening hours and zone offsets joined as short lists of
     * instants the core worked out, and percentiles by {@code ROW_NUMBER()}; the rows read are
     * those of the window's resources that end after the window starts, through the index on
     * (tenant, resource, occupied end). Where the dialect says the database cannot do that
     * quickly ({@link Dialect#aggregatesInSql()}: H2), the window's bookings are read and added
     * up in Java, as the port's default does.
     */
    @Override
    public Aggregates aggregate(String tenantId, AggregateQuery query) {
        Objects.requireNonNull(tenantId, "tenantId must not be null");
        Objects.requireNonNull(query, "query must not be null");
        if (!dialect.aggregatesInSql()) {
            return BookingStore.super.aggregate(tenantId, query);
        }
        return transactions.run(c -> stats.aggregate(c, tenantId, query));
    }

    @Override
    public Outbox outbox() {
        return outbox;
    }

    @Override
    public ChangeLog changes() {
        return changeLog;
    }

    @Override
    public TaskQueue tasks() {
        return tasks;
    }

    /**
     * The store's settings.
     */
    public static final class Config {
        private final DataSource dataSource;
        private final String tablePrefix;
        private final String schema;
        private final Optional<Dialect> dialect;
        private final int maxRetries;
        private final Duration retryBackoff;
        private final LockStep lockStep;
        private final boolean sharedLock;

        private Config(Builder b) {
            this.dataSource = b.dataSource;
            this.tablePrefix = b.tablePrefix;
            this.schema = b.schema;
            this.dialect = Optional.ofNullable(b.dialect);
            this.maxRetries = b.maxRetries;
            this.retryBackoff = b.retryBackoff;
            this.lockStep = b.lockStep;
            this.sharedLock = b.sharedLock;
        }

        /**
         * The data source the store gets its connections from.
         *
         * @return the data source given to {@link JdbcBookingStore#builder(DataSource)}
         */
        public DataSource dataSource() {
            return dataSource;
        }

        /**
         * The prefix of every table name, {@code bk_} by default.
         *
         * @return the prefix: letters, digits and {@code _}
         */
        public String tablePrefix() {
            return tablePrefix;
        }

        /**
         * The schema that qualifies the table names.
         *
         * @return the schema, or the empty string for the connection's default schema
         */
        public String schema() {
            return schema;
        }

        /**
         * How often a unit of work is retried after a failure the dialect calls retryable.
         *
         * @return retries after the first attempt, 0 or more
         */
        public int maxRetries() {
            return maxRetries;
        }

        /**
         * The wait before the first retry; each further retry waits up to twice as long as the one
         * before (at most 64 times this), with jitter.
         *
         * @return a positive duration
         */
        public Duration retryBackoff() {
            return retryBackoff;
        }

        /** Builds a store. Not thread-safe. */
        public static final class Builder {
            private final DataSource dataSource;
            private String tablePrefix = "bk_";
            private String schema = "";
            private Dialect dialect;
            private int maxRetries = 10;
            private Duration retryBackoff = Duration.ofMillis(10);
            private LockStep lockStep = LockStep.WRITE;
            private boolean sharedLock = true;

            Builder(DataSource dataSource) {
                this.dataSource = Objects.requireNonNull(dataSource, "dataSource must not be null");
            }

            /**
             * Prefix of every table name; {@code bk_} by default, as in the shipped DDL.
             *
             * @param tablePrefix letters, digits and {@code _}, starting with a letter or {@code _}
             * @return this builder
             * @throws InvalidRequestException if the prefix holds any other character
             */
            public Builder tablePrefix(String tablePrefix) {
                this.tablePrefix = Schema.checkPrefix(tablePrefix);
                return this;
            }

            /**
             * Schema that qualifies the tables; the connection's default schema when not set.
             *
             * @param schema letters, digits and {@code _}; the empty string for the connection's
             *               default schema
             * @return this builder
             * @throws InvalidRequestException if the name holds any other character
             */
            public Builder schema(String schema) {
                Objects.requireNonNull(schema, "schema must not be null");
                if (!schema.isEmpty() && !schema.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                    throw new InvalidRequestException("schema '" + schema + "' must be letters, digits and '_'");
                }
                this.schema = schema;
                return this;
            }

            /**
             * The dialect to use instead of detecting it from the connection's metadata.
             *
             * @param dialect the dialect of the database behind the data source
             * @return this builder
             */
            public Builder dialect(Dialect dialect) {
                this.dialect = Objects.requireNonNull(dialect, "dialect must not be null");
                return this;
            }

            /**
             * How often a unit of work is retried after a deadlock, lock timeout or serialization
             * failure; 10 by default.
             *
             * @param maxRetries retries after the first attempt, 0 or more; with 0 the first such
             *                   failure fails the unit
             * @return this builder
             * @throws InvalidRequestException if {@code maxRetries} is negative
             */
            public Builder maxRetries(int maxRetries) {
                if (maxRetries < 0) {
                    throw new InvalidRequestException("maxRetries must not be negative, but was " + maxRetries);
                }
                this.maxRetries = maxRetries;
                return this;
            }

            /**
             * The first wait before a retry, doubled each time and jittered; 10 ms by default.
             *
             * @param retryBackoff the wait before the first retry, positive and counted in whole
             *                     milliseconds; each further retry waits up to twice as long as the
             *                     one before (at most 64 times this), and the second half of each
             *                     wait is random
             * @return this builder
             * @throws InvalidRequestException if {@code retryBackoff} is zero or negative
             */
            public Builder retryBackoff(Duration retryBackoff) {
                Objects.requireNonNull(retryBackoff, "retryBackoff must not be null");
                if (retryBackoff.isNegative() || retryBackoff.isZero()) {
                    throw new InvalidRequestException("retryBackoff must be positive, but was " + retryBackoff);
                }
                this.retryBackoff = retryBackoff;
                return this;
            }

            /**
             * Test-only seam: with a weaker lock step the store can double-book, which the
             * concurrency tests use to show that they would notice, and the benchmarks to show
             * what the write in the lock step costs.
             */
            Builder lockStepForTesting(LockStep step) {
                this.lockStep = Objects.requireNonNull(step, "step must not be null");
                return this;
            }

            /**
             * Test-only seam: shared units read the resource row without locking it, so that a
             * concurrency test shows a customer's booking slipping past a forced one.
             */
            Builder withoutSharedLockForTesting() {
                this.sharedLock = false;
                return this;
            }

            /**
             * Builds the store. Without a {@linkplain #dialect dialect} it opens a connection to
             * detect one; it also reads the database's settings and logs a warning for each one
             * that weakens what units of work rely on.
             *
             * @return a new store
             * @throws StorageException if the dialect has to be detected and the database cannot be
             *                          reached or is not supported
             */
            public JdbcBookingStore build() {
                return new JdbcBookingStore(new Config(this));
            }
        }
    }

    private static void warnOfConfigurationProblems(javax.sql.DataSource dataSource, Dialect dialect) {
        try (java.sql.Connection c = dataSource.getConnection()) {
            dialect.configurationProblems(c).forEach(problem -> LOG.warn("{}", problem));
        } catch (java.sql.SQLException e) {
            LOG.warn("Could not read the {} database's settings to check them", dialect.name(), e);
        }
    }

}
