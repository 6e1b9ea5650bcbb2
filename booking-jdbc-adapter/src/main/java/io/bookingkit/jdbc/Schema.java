package io.bookingkit.jdbc;

import io.bookingkit.error.InvalidRequestException;
import io.bookingkit.error.StorageException;
import io.bookingkit.jdbc.dialect.Dialect;
import io.bookingkit.jdbc.dialect.Dialects;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store's tables. The DDL ships in the jar as Flyway-style versioned scripts,
 * {@code io/bookingkit/jdbc/schema/<postgresql|mariadb|h2>/V<n>__<description>.sql}, for
 * applications that hand them to their migration tool; {@link #create} applies the ones a
 * database lacks, for demos, tests and applications without a migration tool.
 *
 * <p>{@code create} records what it applied in a table {@code <prefix>schema_version}; a
 * database whose bookingkit tables predate that table is taken to be at version 1 (every
 * statement of {@code V1} is {@code IF NOT EXISTS}). Do not mix it with a migration tool on
 * one database. Nodes that call it at once migrate one after another: under a session lock on
 * PostgreSQL ({@code pg_advisory_lock}) and MariaDB ({@code GET_LOCK}), and one migration at a
 * time per JVM everywhere. On Galera a {@code GET_LOCK} holds on its own node only (and some
 * versions refuse it): migrate a cluster from one node.
 */
public final class Schema {

    private static final Logger LOG = LoggerFactory.getLogger(Schema.class);

    private static final ReentrantLock IN_THIS_JVM = new ReentrantLock();

    /** The shipped scripts, in order. */
    private static final List<String> FILES = List.of("V1__bookingkit.sql", "V2__lock_counters_and_request_keys.sql",
            "V3__series_index.sql", "V4__waitlists_and_tasks.sql", "V5__series_rule.sql", "V6__change_feed.sql");

    /**
     * One shipped migration script.
     *
     * @param version  its version, from 1
     * @param fileName the name of the resource, such as {@code V1__bookingkit.sql}
     * @param sql      its text, with the default {@code bk_} table prefix
     */
    public record Script(int version, String fileName, String sql) {
    }

    private Schema() {
    }

    /**
     * Creates the tables with the default {@code bk_} prefix in the connection's default schema,
     * or brings them to the current version.
     *
     * @param dataSource where to get a connection; the dialect is detected from its metadata
     * @throws StorageException if the database cannot be reached or is not supported, or naming the
     *                          script and statement that failed
     */
    public static void create(DataSource dataSource) {
        create(dataSource, "bk_");
    }

    /**
     * Creates the tables with {@code tablePrefix} instead of {@code bk_}, in the connection's
     * default schema, or brings them to the current version.
     *
     * @param dataSource  where to get a connection; the dialect is detected from its metadata
     * @param tablePrefix the prefix of every table name: letters, digits and {@code _}, starting
     *                    with a letter or {@code _}
     * @throws InvalidRequestException if the prefix is not letters, digits and {@code _}
     * @throws StorageException        naming the script and statement that failed
     */
    public static void create(DataSource dataSource, String tablePrefix) {
        migrate(dataSource, tablePrefix, FILES.size());
    }

    /**
     * The scripts for {@code dialect}, in the order they apply.
     *
     * @param dialect the database whose scripts to read
     * @return every shipped script, from version 1 on, with the default {@code bk_} table prefix
     */
    public static List<Script> scripts(Dialect dialect) {
        Objects.requireNonNull(dialect, "dialect must not be null");
        List<Script> scripts = new ArrayList<>();
        for (int i = 0; i < FILES.size(); i++) {
            scripts.add(new Script(i + 1, FILES.get(i), read(dialect.schemaFolder() + "/" + FILES.get(i))));
        }
        return List.copyOf(scripts);
    }

    /** Applies the scripts up to {@code version} that the database lacks; tests stop early to test upgrades. */
    static void migrate(DataSource dataSource, String tablePrefix, int version) {
        Objects.requireNonNull(dataSource, "dataSource must not be null");
        checkPrefix(tablePrefix);
        Dialect dialect = Dialects.detect(dataSource);
        String history = tablePrefix + "schema_version";
        String lock = lockName(tablePrefix);
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            // Nodes starting together would otherwise race from the history table's CREATE on:
            // the database lock serializes them, the JVM's lock the migrations of one process.
            IN_THIS_JVM.lock();
            boolean locked = false;
            Exception failure = null;
            try {
                locked = dialect.lockSchema(c, lock);
                execute(c, "CREATE TABLE IF NOT EXISTS " + history
                        + " (version integer NOT NULL PRIMARY KEY, script varchar(255) NOT NULL)");
                c.commit();
                Set<Integer> applied = applied(c, history);
                for (Script script : scripts(dialect).subList(0, version)) {
                    if (!applied.contains(script.version())) {
                        apply(c, script, tablePrefix, history);
                    }
                }
            } catch (SQLException | RuntimeException e) {
                failure = e;
                throw e;
            } finally {
                try {
                    if (locked) {
                        // A failed statement leaves PostgreSQL's transaction aborted, where
                        // even the unlock would be refused.
                        c.rollback();
                        dialect.unlockSchema(c, lock);
                    }
                    c.setAutoCommit(autoCommit);
                } catch (SQLException e) {
                    // The migration's own failure is the one to report; this one rides along.
                    if (failure == null) {
                        throw e;
                    }
                    failure.addSuppressed(e);
                } finally {
                    IN_THIS_JVM.unlock();
                }
            }
        } catch (SQLException e) {
            throw new StorageException("Creating the bookingkit tables failed: " + e.getMessage(), e.getSQLState(), e);
        }
    }

    /** The database lock that migrations of the tables with {@code tablePrefix} take. */
    static String lockName(String tablePrefix) {
        return "bookingkit-schema-" + tablePrefix;
    }

    private static void apply(Connection c, Script script, String prefix, String history) throws SQLException {
        List<String> statements = statements(script.sql().replace("bk_", prefix));
        for (int i = 0; i < statements.size(); i++) {
            try {
                execute(c, statements.get(i));
            } catch (SQLException e) {
                c.rollback();
                throw new StorageException("Migration " + script.fileName() + " failed at statement " + (i + 1)
                        + " of " + statements.size() + " (on MariaDB and MySQL the statements before it stay "
                        + "applied, as DDL commits itself): " + e.getMessage(), e.getSQLState(), e);
            }
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + history + " (version, script) VALUES (?, ?)")) {
            ps.setInt(1, script.version());
            ps.setString(2, script.fileName());
            ps.executeUpdate();
        }
        c.commit();
        LOG.info("Applied bookingkit schema {} (tables {}*)", script.fileName(), prefix);
    }

    private static Set<Integer> applied(Connection c, String history) throws SQLException {
        Set<Integer> versions = new HashSet<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT version FROM " + history)) {
            while (rs.next()) {
                versions.add(rs.getInt(1));
            }
        }
        c.commit();
        return versions;
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** Table names are built from the prefix, so it may hold nothing that SQL would read as syntax. */
    static String checkPrefix(String tablePrefix) {
        Objects.requireNonNull(tablePrefix, "tablePrefix must not be null");
        if (!tablePrefix.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new InvalidRequestException("tablePrefix '" + tablePrefix
                    + "' must be letters, digits and '_', starting with a letter or '_'");
        }
        return tablePrefix;
    }

    private static String read(String path) {
        String resource = "/io/bookingkit/jdbc/schema/" + path;
        try (InputStream in = Schema.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Missing " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Splits a script at semicolons that end a line, dropping comment lines. */
    static List<String> statements(String script) {
        List<String> result = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : script.split("\n")) {
            if (line.trim().startsWith("--")) {
                continue;
            }
            current.append(line).append('\n');
            if (line.trim().endsWith(";")) {
                String sql = current.toString().trim();
                result.add(sql.substring(0, sql.length() - 1));
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) {
            result.add(current.toString().trim());
        }
        return result;
    }
}
