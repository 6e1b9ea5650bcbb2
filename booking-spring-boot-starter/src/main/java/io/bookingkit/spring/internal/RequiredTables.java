package io.bookingkit.spring.internal;

import io.bookingkit.error.StorageException;
import io.bookingkit.jdbc.JdbcBookingStore;
import io.bookingkit.jdbc.Schema;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fails startup when the store's tables are missing and the starter was not to create them, so
 * that a migration tool without the bookingkit scripts shows at startup, not at the first
 * booking. One metadata query: the database's tables whose names start with the prefix, against
 * the tables the shipped scripts create.
 */
public final class RequiredTables {

    private static final Pattern CREATE_TABLE =
            Pattern.compile("CREATE TABLE (?:IF NOT EXISTS )?bk_(\\w+)", Pattern.CASE_INSENSITIVE);

    private RequiredTables() {
    }

    /**
     * Checks that the database has every table of the current schema version.
     *
     * @param store the store, for its data source, dialect, schema and table prefix
     * @param notCreatedBecause why the starter did not create the tables, for the message, such as
     *        {@code "the application has Flyway"}
     * @throws IllegalStateException naming the missing tables, the prefix and how to add them
     * @throws StorageException when the database's metadata cannot be read
     */
    public static void check(JdbcBookingStore store, String notCreatedBecause) {
        JdbcBookingStore.Config config = store.config();
        String prefix = config.tablePrefix();
        Set<String> missing = new TreeSet<>();
        for (String table : shippedTables(store)) {
            missing.add(prefix + table);
        }
        Set<String> present;
        try (Connection c = config.dataSource().getConnection()) {
            present = tablesStartingWith(c, prefix, config.schema());
        } catch (SQLException e) {
            throw new StorageException("Cannot read the database's metadata to check for the bookingkit tables: "
                    + e.getMessage(), e.getSQLState(), e);
        }
        missing.removeIf(table -> present.contains(table.toLowerCase(Locale.ROOT)));
        if (!missing.isEmpty()) {
            String scripts = "classpath:io/bookingkit/jdbc/schema/" + store.dialect().schemaFolder();
            throw new IllegalStateException("bookingkit's JDBC store finds no table " + String.join(", ", missing)
                    + " (table prefix " + prefix + ") in the database, and the starter does not create its tables: "
                    + notCreatedBecause + ". Point the migration tool at " + scripts + " (or copy those scripts into "
                    + "its migrations, under versions of the application's own), or set "
                    + "bookingkit.jdbc.create-schema=true to have the starter create and upgrade them.");
        }
    }

    /** The tables the shipped scripts create, without the {@code bk_} prefix they are written with. */
    private static Set<String> shippedTables(JdbcBookingStore store) {
        Set<String> tables = new LinkedHashSet<>();
        for (Schema.Script script : Schema.scripts(store.dialect())) {
            Matcher m = CREATE_TABLE.matcher(script.sql());
            while (m.find()) {
                tables.add(m.group(1).toLowerCase(Locale.ROOT));
            }
        }
        return tables;
    }

    /** The names, in lower case, of the tables whose names start with {@code prefix}. */
    private static Set<String> tablesStartingWith(Connection c, String prefix, String schema) throws SQLException {
        DatabaseMetaData metadata = c.getMetaData();
        String escape = metadata.getSearchStringEscape();
        String pattern = storedCase(metadata, prefix);
        if (escape != null && !escape.isEmpty()) {
            pattern = pattern.replace("_", escape + "_");
        }
        // Without a schema of the store's own, any schema: a search path may reach tables beyond the
        // connection's current schema, and a table found elsewhere had better pass than a working setup fail.
        String schemaPattern = schema.isEmpty() ? null : storedCase(metadata, schema);
        Set<String> names = new LinkedHashSet<>();
        try (ResultSet rs = metadata.getTables(c.getCatalog(), schemaPattern, pattern + "%", null)) {
            while (rs.next()) {
                names.add(rs.getString("TABLE_NAME").toLowerCase(Locale.ROOT));
            }
        }
        return names;
    }

    /** An unquoted identifier as the database stores it: upper case on H2, lower case on PostgreSQL. */
    private static String storedCase(DatabaseMetaData metadata, String identifier) throws SQLException {
        if (metadata.storesUpperCaseIdentifiers()) {
            return identifier.toUpperCase(Locale.ROOT);
        }
        if (metadata.storesLowerCaseIdentifiers()) {
            return identifier.toLowerCase(Locale.ROOT);
        }
        return identifier;
    }
}
