package io.bookingkit.jdbc;

import io.bookingkit.BookingNotFoundException;
import io.bookingkit.InvalidRequestException;
import io.bookingkit.SlotUnavailableException;
import io.bookingkit.StaleBookingException;
import io.bookingkit.StorageException;
import io.bookingkit.booking.Booking;
import io.bookingkit.internal.Require;
import io.bookingkit.jdbc.dialect.Dialect;
import io.bookingkit.jdbc.dialect.Dialects;
import io.bookingkit.jdbc.internal.BookingSql;
import io.bookingkit.jdbc.internal.SqlFailure;
import io.bookingkit.jdbc.internal.Tables;
import io.bookingkit.jdbc.outbox.OutboxSql;
import io.bookingkit.policy.Violation;
import io.bookingkit.resource.Resource;
import io.bookingkit.schedule.OpeningHours;
import io.bookingkit.spi.BookingStore;
import io.bookingkit.spi.DuplicateBookingException;
import io.bookingkit.spi.OutboxMessage;
import io.bookingkit.spi.UnitOfWork;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.threeten.extra.Interval;

/**
 * The {@link BookingStore} on PostgreSQL, MariaDB/MySQL or H2, over any {@link DataSource}.
 *
 * <p>Every unit of work runs in one transaction at READ COMMITTED (set, and checked, by the
 * store). Its first statements lock the rows of the affected resources with
 * {@code SELECT … FOR UPDATE}, one at a time in sorted order so that two units cannot deadlock
 * each other; only then are bookings read, so every decision sees every booking committed before
 * the lock. On PostgreSQL an exclusion constraint on one-seat resources is a second line of
 * defence. Deadlocks, lock timeouts and serialization failures are rolled back and retried a
 * bounded number of times with jittered backoff; a unique key violation becomes
 * {@link DuplicateBookingException}, the exclusion constraint a {@link SlotUnavailableException},
 * and any other database error a {@link StorageException} carrying its SQLSTATE. A failed unit
 * leaves nothing written.
 *
 * <p>Create the tables with {@link Schema#create(DataSource)} or with the DDL shipped under
 * {@code io/bookingkit/jdbc/schema/<database>/V1__bookingkit.sql}.
 *
 * <p>Thread-safe; share one instance per data source.
 */
public final class JdbcBookingStore implements BookingStore {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcBookingStore.class);

    private final Config config;
    private final Dialect dialect;
    private final Tables tables;
    private final BookingSql bookings;
    private final OutboxSql outbox;

    private JdbcBookingStore(Config config) {
        this.config = config;
        this.dialect = config.dialect.orElseGet(() -> Dialects.detect(config.dataSource));
        LOG.info("bookingkit JDBC store uses the {} dialect (tables {}*)", dialect.name(), config.tablePrefix);
        this.tables = Tables.of(config.schema, config.tablePrefix);
        this.bookings = new BookingSql(dialect, tables);
        this.outbox = new OutboxSql(dialect, tables);
    }

    /** A store with the default settings. */
    public static JdbcBookingStore create(DataSource dataSource) {
        return builder(dataSource).build();
    }

    /** Settings for a store over {@code dataSource}. */
    public static Config.Builder builder(DataSource dataSource) {
        return new Config.Builder(dataSource);
    }

    /** The dialect in use. */
    public Dialect dialect() {
        return dialect;
    }

    /** The settings in use. */
    public Config config() {
        return config;
    }

    @Override
    public void saveResource(Resource r) {
        Require.nonNull(r, "resource");
        try {
            upsert(r);
        } catch (DuplicateBookingException e) {
            // Another node inserted the same new resource between our update and our insert;
            // the second attempt finds its row and updates it.
            upsert(r);
        }
    }

    private void upsert(Resource r) {
        inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE " + tables.resource() + " SET name = ?, zone_id = ?, "
                    + "hours = ?, max_window_seconds = ?, capacity = ? WHERE tenant_id = ? AND id = ?")) {
                bindResource(ps, r);
                if (ps.executeUpdate() == 1) {
                    return null;
                }
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + tables.resource() + " (name, zone_id, hours, "
                    + "max_window_seconds, capacity, tenant_id, id) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                bindResource(ps, r);
                ps.executeUpdate();
            }
            return null;
        });
    }

    private static void bindResource(PreparedStatement ps, Resource r) throws SQLException {
        ps.setString(1, r.name());
        ps.setString(2, r.zone().getId());
        ps.setString(3, r.hours().toText());
        ps.setLong(4, r.hours().maxWindow().getSeconds());
        ps.setInt(5, r.capacity());
        ps.setString(6, r.tenantId());
        ps.setString(7, r.id());
    }

    @Override
    public Optional<Resource> findResource(String tenantId, String resourceId) {
        Require.nonNull(tenantId, "tenantId");
        Require.nonNull(resourceId, "resourceId");
        return readResources("tenant_id = ? AND id = ?", tenantId, resourceId).stream().findFirst();
    }

    @Override
    public List<Resource> resources(String tenantId) {
        return readResources("tenant_id = ?", Require.nonNull(tenantId, "tenantId"));
    }

    private static final String RESOURCE_COLUMNS = "tenant_id, id, name, zone_id, hours, max_window_seconds, capacity";

    private List<Resource> readResources(String where, String... params) {
        return inTransaction(c -> {
            List<Resource> result = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT " + RESOURCE_COLUMNS + " FROM " + tables.resource()
                    + " WHERE " + where + " ORDER BY id")) {
                for (int i = 0; i < params.length; i++) {
                    ps.setString(i + 1, params[i]);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        result.add(resource(rs));
                    }
                }
            }
            return result;
        });
    }

    private static Resource resource(ResultSet rs) throws SQLException {
        OpeningHours hours = OpeningHours.parse(rs.getString("hours"), ZoneId.of(rs.getString("zone_id")))
                .withMaxWindow(Duration.ofSeconds(rs.getLong("max_window_seconds")));
        return new Resource(rs.getString("tenant_id"), rs.getString("id"), rs.getString("name"), hours,
                rs.getInt("capacity"));
    }

    @Override
    public Optional<Booking> findBooking(String tenantId, String bookingId) {
        Require.nonNull(tenantId, "tenantId");
        Require.nonNull(bookingId, "bookingId");
        return inTransaction(c -> bookings.findById(c, tenantId, bookingId));
    }

    @Override
    public List<Booking> findOverlapping(String tenantId, Collection<String> resourceIds, Interval range) {
        Require.nonNull(tenantId, "tenantId");
        Require.nonNull(resourceIds, "resourceIds");
        Require.bounded(range, "range");
        return inTransaction(c -> bookings.findOverlapping(c, tenantId, resourceIds, range));
    }

    @Override
    public List<Booking> findByCustomer(String tenantId, String customerId, Interval range) {
        Require.nonNull(tenantId, "tenantId");
        Require.nonNull(customerId, "customerId");
        Require.bounded(range, "range");
        return inTransaction(c -> bookings.findByCustomer(c, tenantId, customerId, range));
    }

    @Override
    public <T> T inUnitOfWork(String tenantId, Collection<String> lockedResourceIds, Function<UnitOfWork, T> work) {
        Require.nonNull(tenantId, "tenantId");
        Require.nonNull(lockedResourceIds, "lockedResourceIds");
        Require.nonNull(work, "work");
        List<String> sorted = new ArrayList<>(new TreeSet<>(lockedResourceIds));
        return inTransaction(c -> {
            Map<String, Resource> locked = lock(c, tenantId, sorted);
            return work.apply(new Unit(c, tenantId, Map.copyOf(locked)));
        });
    }

    /** Locks each resource row in sorted order; returns the resources as read under the lock. */
    private Map<String, Resource> lock(Connection c, String tenantId, List<String> sorted) throws SQLException {
        Map<String, Resource> locked = new HashMap<>();
        String sql = "SELECT " + RESOURCE_COLUMNS + " FROM " + tables.resource() + " WHERE tenant_id = ? AND id = ?"
                + (config.lockResources ? " FOR UPDATE" : "");
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (String id : sorted) {
                ps.setString(1, tenantId);
                ps.setString(2, id);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new BookingNotFoundException("No resource '" + id + "' in tenant '" + tenantId + "'");
                    }
                    locked.put(id, resource(rs));
                }
            }
        }
        return locked;
    }

    @Override
    public List<OutboxMessage> claimDueMessages(Instant now, int limit, Duration lease) {
        Require.nonNull(now, "now");
        Require.positive(limit, "limit");
        Require.positive(lease, "lease");
        return inTransaction(c -> outbox.claim(c, now, limit, lease));
    }

    @Override
    public void markDelivered(String messageId) {
        inTransaction(c -> {
            outbox.delete(c, messageId);
            return null;
        });
    }

    @Override
    public void markFailed(String messageId, Instant retryAt, String error, boolean park) {
        inTransaction(c -> {
            outbox.fail(c, messageId, retryAt, error, park);
            return null;
        });
    }

    @Override
    public List<OutboxMessage> parkedMessages(String tenantId) {
        return inTransaction(c -> outbox.parked(c, tenantId));
    }

    @FunctionalInterface
    private interface SqlWork<T> {
        T run(Connection connection) throws SQLException;
    }

    /**
     * Runs {@code work} in one READ COMMITTED transaction, retrying what the dialect calls
     * retryable and translating everything else.
     */
    private <T> T inTransaction(SqlWork<T> work) {
        int attempt = 0;
        while (true) {
            attempt++;
            try {
                return once(work);
            } catch (SqlFailure failure) {
                SQLException e = failure.sqlException();
                Dialect.Failure kind = dialect.classify(e);
                switch (kind) {
                    case RETRY -> {
                        if (attempt > config.maxRetries) {
                            throw new StorageException("Gave up after " + attempt + " attempts; the database kept "
                                    + "reporting contention (SQLSTATE " + e.getSQLState() + ")", e.getSQLState(), e);
                        }
                        LOG.debug("Retrying unit of work after SQLSTATE {} (attempt {})", e.getSQLState(), attempt);
                        backoff(attempt);
                    }
                    case DUPLICATE -> throw new DuplicateBookingException("A booking with this id or idempotency key "
                            + "already exists (SQLSTATE " + e.getSQLState() + ")", e);
                    case OVERLAP -> throw new SlotUnavailableException(List.of(), List.of(Violation.of("overlap",
                            "resource", "the resource", "booking", "(refused by the database's overlap constraint)")));
                    default -> throw new StorageException("Database error (SQLSTATE " + e.getSQLState() + ", code "
                            + e.getErrorCode() + "): " + e.getMessage(), e.getSQLState(), e);
                }
            }
        }
    }

    private <T> T once(SqlWork<T> work) {
        Connection c;
        try {
            c = config.dataSource.getConnection();
        } catch (SQLException e) {
            throw new SqlFailure(e);
        }
        try (c) {
            boolean autoCommit = c.getAutoCommit();
            int isolation = c.getTransactionIsolation();
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

    private static void rollback(Connection c) {
        try {
            if (c.isClosed()) {
                // The pool or the driver already closed it after the failure; the database
                // rolls back a transaction whose connection is gone.
                return;
            }
            c.rollback();
        } catch (SQLException e) {
            LOG.warn("Rollback failed (SQLSTATE {}); the connection is discarded", e.getSQLState(), e);
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
        long base = config.retryBackoff.toMillis() * (1L << Math.min(attempt - 1, 6));
        long sleep = base / 2 + ThreadLocalRandom.current().nextLong(base / 2 + 1);
        try {
            Thread.sleep(sleep);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageException("Interrupted while waiting to retry", e);
        }
    }

    /** Reads and writes on the unit's connection; SQL errors travel up as {@link SqlFailure}. */
    private final class Unit implements UnitOfWork {
        private final Connection c;
        private final String tenantId;
        private final Map<String, Resource> locked;
        private String lockedCustomer;

        Unit(Connection c, String tenantId, Map<String, Resource> locked) {
            this.c = c;
            this.tenantId = tenantId;
            this.locked = locked;
        }

        @Override
        public Map<String, Resource> lockedResources() {
            return locked;
        }

        @Override
        public List<Booking> findOverlapping(Collection<String> resourceIds, Interval range) {
            return sql(() -> bookings.findOverlapping(c, tenantId, resourceIds, range));
        }

        @Override
        public List<Booking> findByCustomer(String customerId, Interval range) {
            return sql(() -> bookings.findByCustomer(c, tenantId, customerId, range));
        }

        @Override
        public Optional<Booking> findBooking(String bookingId) {
            return sql(() -> bookings.findById(c, tenantId, bookingId));
        }

        @Override
        public Optional<Booking> findByIdempotencyKey(String idempotencyKey) {
            return sql(() -> bookings.findByIdempotencyKey(c, tenantId, idempotencyKey));
        }

        @Override
        public void insert(Booking booking) {
            Require.nonNull(booking, "booking");
            if (!booking.tenantId().equals(tenantId)) {
                throw new InvalidRequestException("Booking of tenant '" + booking.tenantId() + "' in a unit of work of '"
                        + tenantId + "'");
            }
            sql(() -> {
                bookings.insert(c, booking, capacities(booking));
                return null;
            });
        }

        @Override
        public void update(Booking booking) {
            Require.nonNull(booking, "booking");
            boolean updated = sql(() -> bookings.update(c, booking, capacities(booking)));
            if (!updated) {
                Optional<Booking> current = findBooking(booking.id());
                if (current.isEmpty()) {
                    throw new BookingNotFoundException("No booking '" + booking.id() + "' in tenant '" + tenantId + "'");
                }
                throw new StaleBookingException("Booking '" + booking.id() + "' is at version " + current.get().version()
                        + "; an update to version " + booking.version() + " was made from a stale copy");
            }
        }

        @Override
        public void lockCustomer(String customerId) {
            Require.nonNull(customerId, "customerId");
            if (lockedCustomer != null) {
                if (lockedCustomer.equals(customerId)) {
                    return;
                }
                throw new IllegalStateException("This unit of work already locked customer '" + lockedCustomer + "'");
            }
            sql(() -> {
                try (PreparedStatement ps = c.prepareStatement(dialect.insertIfAbsent(tables.customerLock()))) {
                    ps.setString(1, tenantId);
                    ps.setString(2, customerId);
                    ps.executeUpdate();
                }
                try (PreparedStatement ps = c.prepareStatement("SELECT customer_id FROM " + tables.customerLock()
                        + " WHERE tenant_id = ? AND customer_id = ?" + (config.lockResources ? " FOR UPDATE" : ""))) {
                    ps.setString(1, tenantId);
                    ps.setString(2, customerId);
                    ps.executeQuery().close();
                }
                return null;
            });
            lockedCustomer = customerId;
        }

        @Override
        public boolean expire(Booking booking) {
            Require.nonNull(booking, "booking");
            return sql(() -> bookings.expire(c, booking, capacities(booking)));
        }

        /**
         * The seats of each of the booking's resources: from the rows this unit locked, else read.
         * PostgreSQL's overlap constraint applies to rows of one-seat resources only.
         */
        private Map<String, Integer> capacities(Booking booking) throws SQLException {
            Map<String, Integer> capacities = new HashMap<>();
            locked.forEach((id, r) -> capacities.put(id, r.capacity()));
            List<String> missing = booking.resourceIds().stream().filter(id -> !capacities.containsKey(id)).toList();
            capacities.putAll(bookings.capacities(c, tenantId, missing));
            return capacities;
        }

        @Override
        public void enqueue(OutboxMessage message) {
            Require.nonNull(message, "message");
            sql(() -> {
                outbox.insert(c, message);
                return null;
            });
        }

        @Override
        public void discardReminders(String bookingId) {
            sql(() -> {
                outbox.discardReminders(c, tenantId, bookingId);
                return null;
            });
        }
    }

    @FunctionalInterface
    private interface SqlCall<T> {
        T call() throws SQLException;
    }

    private static <T> T sql(SqlCall<T> call) {
        try {
            return call.call();
        } catch (SQLException e) {
            throw new SqlFailure(e);
        }
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
        private final boolean lockResources;

        private Config(Builder b) {
            this.dataSource = b.dataSource;
            this.tablePrefix = b.tablePrefix;
            this.schema = b.schema;
            this.dialect = Optional.ofNullable(b.dialect);
            this.maxRetries = b.maxRetries;
            this.retryBackoff = b.retryBackoff;
            this.lockResources = b.lockResources;
        }

        public DataSource dataSource() {
            return dataSource;
        }

        public String tablePrefix() {
            return tablePrefix;
        }

        public String schema() {
            return schema;
        }

        public int maxRetries() {
            return maxRetries;
        }

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
            private boolean lockResources = true;

            Builder(DataSource dataSource) {
                this.dataSource = Require.nonNull(dataSource, "dataSource");
            }

            /** Prefix of every table name; {@code bk_} by default, as in the shipped DDL. */
            public Builder tablePrefix(String tablePrefix) {
                Require.nonNull(tablePrefix, "tablePrefix");
                if (!tablePrefix.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                    throw new InvalidRequestException("tablePrefix '" + tablePrefix
                            + "' must be letters, digits and '_', starting with a letter or '_'");
                }
                this.tablePrefix = tablePrefix;
                return this;
            }

            /** Schema that qualifies the tables; the connection's default schema when not set. */
            public Builder schema(String schema) {
                Require.nonNull(schema, "schema");
                if (!schema.isEmpty() && !schema.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                    throw new InvalidRequestException("schema '" + schema + "' must be letters, digits and '_'");
                }
                this.schema = schema;
                return this;
            }

            /** The dialect to use instead of detecting it from the connection's metadata. */
            public Builder dialect(Dialect dialect) {
                this.dialect = Require.nonNull(dialect, "dialect");
                return this;
            }

            /** How often a unit of work is retried after a deadlock or lock timeout; 10 by default. */
            public Builder maxRetries(int maxRetries) {
                this.maxRetries = Require.notNegative(maxRetries, "maxRetries");
                return this;
            }

            /** The first wait before a retry, doubled each time and jittered; 10 ms by default. */
            public Builder retryBackoff(Duration retryBackoff) {
                this.retryBackoff = Require.positive(retryBackoff, "retryBackoff");
                return this;
            }

            /**
             * Test-only seam: without resource locks the store can double-book, which the
             * concurrency tests use to show that they would notice.
             */
            Builder withoutResourceLocksForTesting() {
                this.lockResources = false;
                return this;
            }

            public JdbcBookingStore build() {
                return new JdbcBookingStore(new Config(this));
            }
        }
    }
}
