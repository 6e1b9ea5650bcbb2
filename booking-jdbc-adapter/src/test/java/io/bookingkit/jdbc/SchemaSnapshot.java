package io.bookingkit.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * The tables of one database as text lines, one per column, key, index and constraint, so that
 * two databases built by different tools can be compared line by line and a difference names
 * the table and the object. Everything comes from {@link DatabaseMetaData} but what it has no
 * call for: constraint names, CHECK constraints and MariaDB's table options and collations
 * come from {@code information_schema}, PostgreSQL's exclusion constraint from {@code pg_constraint}.
 *
 * <p>Identifiers are lower-cased, since H2 folds unquoted ones to upper case. The names H2 makes
 * up for unnamed keys, indexes and constraints ({@code CONSTRAINT_8A}, {@code PRIMARY_KEY_E} and
 * the like) become {@code <generated>}: they count H2's objects, and the history table each tool
 * creates first takes a different number of them. The names PostgreSQL and MariaDB make up from
 * table and column names ({@code bk_booking_pkey}, {@code bk_booking_resource_ibfk_1}) are compared.
 */
final class SchemaSnapshot {

    private static final Pattern H2_GENERATED = Pattern.compile(
            "(constraint|primary_key|constraint_index)_[0-9a-f]+|.*_index_[0-9a-f]+");
    /** PostgreSQL lists each NOT NULL as a CHECK named after object ids; nullability is compared per column. */
    private static final Pattern PG_NOT_NULL = Pattern.compile("\\d+_\\d+_\\d+_not_null");

    /** Every table the store uses. */
    static final Set<String> STORE_TABLES = Set.copyOf(TestDatabases.TABLES);

    private final SortedMap<String, List<String>> tables;

    private SchemaSnapshot(SortedMap<String, List<String>> tables) {
        this.tables = tables;
    }

    /** The tables in the connection's default catalog and schema, but those named in {@code excluded}. */
    static SchemaSnapshot of(DataSource dataSource, Set<String> excluded) throws SQLException {
        SortedMap<String, List<String>> tables = new TreeMap<>();
        try (Connection c = dataSource.getConnection()) {
            DatabaseMetaData meta = c.getMetaData();
            String catalog = c.getCatalog();
            String schema = c.getSchema();
            String product = meta.getDatabaseProductName();
            List<String> names = new ArrayList<>();
            try (ResultSet rs = meta.getTables(catalog, schema, "%", new String[] {"TABLE"})) {
                while (rs.next()) {
                    names.add(rs.getString("TABLE_NAME"));
                }
            }
            Reader reader = new Reader(c, meta, catalog, schema, product);
            for (String table : names) {
                if (!excluded.contains(lower(table))) {
                    tables.put(lower(table), reader.read(table));
                }
            }
        }
        return new SchemaSnapshot(Collections.unmodifiableSortedMap(tables));
    }

    /**
     * Runs {@link Schema#create} on an empty database and reads what it made, all but its version
     * table {@code bk_schema_version}, its own record of what it applied. Checked to hold every
     * table the store uses, since two empty databases would compare equal.
     */
    static SchemaSnapshot madeBySchemaCreate(DataSource emptyDatabase) throws SQLException {
        Schema.create(emptyDatabase);
        SchemaSnapshot snapshot = of(emptyDatabase, Set.of("bk_schema_version"));
        assertEquals(STORE_TABLES, snapshot.tables(), "Schema.create made the store's tables and no others");
        return snapshot;
    }

    /** The tables, lower-cased, in name order. */
    Set<String> tables() {
        return tables.keySet();
    }

    /** The lines of one table, or none if it is absent. */
    List<String> lines(String table) {
        return tables.getOrDefault(table, List.of());
    }

    /**
     * What {@code actual} lacks of this snapshot ({@code "missing <table>: <line>"}) and what it
     * has besides ({@code "extra <table>: <line>"}); empty when the two hold the same schema.
     */
    List<String> differences(SchemaSnapshot actual) {
        List<String> differences = new ArrayList<>();
        SortedMap<String, List<String>> all = new TreeMap<>(tables);
        actual.tables.forEach(all::putIfAbsent);
        for (String table : all.keySet()) {
            // Line by line, each match used once, so that a doubled index or key shows too.
            List<String> unmatched = new ArrayList<>(actual.lines(table));
            for (String line : lines(table)) {
                if (!unmatched.remove(line)) {
                    differences.add("missing " + table + ": " + line);
                }
            }
            unmatched.forEach(line -> differences.add("extra " + table + ": " + line));
        }
        return differences;
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        tables.forEach((table, lines) -> lines.forEach(line -> text.append(table).append(": ").append(line).append('\n')));
        return text.toString();
    }

    /** One connection's metadata, read table by table. */
    private record Reader(Connection c, DatabaseMetaData meta, String catalog, String schema, String product) {

        private boolean mariaDb() {
            return "MariaDB".equals(product) || "MySQL".equals(product);
        }

        List<String> read(String table) throws SQLException {
            List<String> lines = new ArrayList<>();
            columns(table, lines);
            primaryKey(table, lines);
            foreignKeys(table, lines);
            indexes(table, lines);
            constraints(table, lines);
            checks(table, lines);
            if ("PostgreSQL".equals(product)) {
                exclusions(table, lines);
            }
            if (mariaDb()) {
                tableOptions(table, lines);
            }
            return List.copyOf(lines);
        }

        /** In ordinal order, the position in the line, so that a column added elsewhere shows. */
        private void columns(String table, List<String> lines) throws SQLException {
            try (ResultSet rs = meta.getColumns(catalog, schema, table, "%")) {
                while (rs.next()) {
                    lines.add("column " + rs.getInt("ORDINAL_POSITION") + " " + lower(rs.getString("COLUMN_NAME")) + " "
                            + type(rs) + (rs.getInt("NULLABLE") == DatabaseMetaData.columnNoNulls ? " not null" : " null")
                            + (rs.getString("COLUMN_DEF") == null ? "" : " default " + rs.getString("COLUMN_DEF")));
                }
            }
        }

        /**
         * The type name with the size for types declared with one: length for character and binary
         * types, precision and scale for exact numbers, fractional seconds for times. For the rest
         * the drivers report a fixed width that says nothing about the DDL.
         */
        private static String type(ResultSet rs) throws SQLException {
            String name = rs.getString("TYPE_NAME").toLowerCase(Locale.ROOT);
            return switch (rs.getInt("DATA_TYPE")) {
                case java.sql.Types.CHAR, java.sql.Types.VARCHAR, java.sql.Types.NCHAR, java.sql.Types.NVARCHAR,
                        java.sql.Types.BINARY, java.sql.Types.VARBINARY -> name + "(" + rs.getInt("COLUMN_SIZE") + ")";
                case java.sql.Types.DECIMAL, java.sql.Types.NUMERIC ->
                        name + "(" + rs.getInt("COLUMN_SIZE") + "," + rs.getInt("DECIMAL_DIGITS") + ")";
                // Fractional seconds: PostgreSQL and H2 report them as the digits, MariaDB only in the
                // width (26 for datetime(6), 19 for datetime), so both go in.
                case java.sql.Types.TIMESTAMP, java.sql.Types.TIMESTAMP_WITH_TIMEZONE, java.sql.Types.TIME,
                        java.sql.Types.TIME_WITH_TIMEZONE ->
                        name + "(" + rs.getInt("COLUMN_SIZE") + "," + rs.getInt("DECIMAL_DIGITS") + ")";
                default -> name;
            };
        }

        private void primaryKey(String table, List<String> lines) throws SQLException {
            SortedMap<Integer, String> columns = new TreeMap<>();
            String name = null;
            try (ResultSet rs = meta.getPrimaryKeys(catalog, schema, table)) {
                while (rs.next()) {
                    columns.put(rs.getInt("KEY_SEQ"), lower(rs.getString("COLUMN_NAME")));
                    name = rs.getString("PK_NAME");
                }
            }
            if (!columns.isEmpty()) {
                lines.add("primary key " + name(name) + " (" + String.join(", ", columns.values()) + ")");
            }
        }

        private void foreignKeys(String table, List<String> lines) throws SQLException {
            Map<String, List<String[]>> keys = new LinkedHashMap<>();
            Map<String, String> rules = new LinkedHashMap<>();
            try (ResultSet rs = meta.getImportedKeys(catalog, schema, table)) {
                while (rs.next()) {
                    String key = rs.getString("FK_NAME") + " -> " + rs.getString("PKTABLE_NAME");
                    keys.computeIfAbsent(key, k -> new ArrayList<>()).add(new String[] {
                        String.format(Locale.ROOT, "%04d", rs.getInt("KEY_SEQ")), lower(rs.getString("FKCOLUMN_NAME")),
                        lower(rs.getString("PKCOLUMN_NAME"))});
                    rules.put(key, " on update " + rule(rs.getInt("UPDATE_RULE")) + " on delete " + rule(rs.getInt("DELETE_RULE")));
                }
            }
            List<String> found = new ArrayList<>();
            keys.forEach((key, columns) -> {
                columns.sort((a, b) -> a[0].compareTo(b[0]));
                String fkName = key.substring(0, key.indexOf(" -> "));
                String target = key.substring(key.indexOf(" -> ") + 4);
                found.add("foreign key " + name(fkName) + " (" + String.join(", ", columns.stream().map(c -> c[1]).toList())
                        + ") references " + lower(target) + " (" + String.join(", ", columns.stream().map(c -> c[2]).toList())
                        + ")" + rules.get(key));
            });
            found.sort(null);
            lines.addAll(found);
        }

        private static String rule(int rule) {
            return switch (rule) {
                case DatabaseMetaData.importedKeyCascade -> "cascade";
                case DatabaseMetaData.importedKeySetNull -> "set null";
                case DatabaseMetaData.importedKeySetDefault -> "set default";
                case DatabaseMetaData.importedKeyRestrict -> "restrict";
                case DatabaseMetaData.importedKeyNoAction -> "no action";
                default -> "rule " + rule;
            };
        }

        /** Every index, unique ones standing for unique constraints, its columns in key order. */
        private void indexes(String table, List<String> lines) throws SQLException {
            Map<String, SortedMap<Integer, String>> columns = new LinkedHashMap<>();
            Map<String, String> kinds = new LinkedHashMap<>();
            Map<String, String> filters = new LinkedHashMap<>();
            try (ResultSet rs = meta.getIndexInfo(catalog, schema, table, false, false)) {
                while (rs.next()) {
                    if (rs.getShort("TYPE") == DatabaseMetaData.tableIndexStatistic) {
                        continue;
                    }
                    String index = rs.getString("INDEX_NAME");
                    String column = rs.getString("COLUMN_NAME");
                    String order = rs.getString("ASC_OR_DESC");
                    columns.computeIfAbsent(index, i -> new TreeMap<>()).put((int) rs.getShort("ORDINAL_POSITION"),
                            lower(column) + ("D".equals(order) ? " desc" : ""));
                    kinds.put(index, rs.getBoolean("NON_UNIQUE") ? "index " : "unique index ");
                    String filter = rs.getString("FILTER_CONDITION");
                    if (filter != null) {
                        filters.put(index, " where " + filter);
                    }
                }
            }
            List<String> found = new ArrayList<>();
            columns.forEach((index, cols) -> found.add(kinds.get(index) + name(index) + " ("
                    + String.join(", ", cols.values()) + ")" + filters.getOrDefault(index, "")));
            found.sort(null);
            lines.addAll(found);
        }

        /**
         * The names of the keys, which on H2 only the constraint carries: its index has a made-up
         * name. What the keys hold is compared through their indexes and the key calls above.
         */
        private void constraints(String table, List<String> lines) throws SQLException {
            List<String> found = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT constraint_type, constraint_name "
                    + "FROM information_schema.table_constraints WHERE table_schema = ? AND table_name = ? "
                    + "AND constraint_type IN ('PRIMARY KEY', 'UNIQUE', 'FOREIGN KEY')")) {
                ps.setString(1, mariaDb() ? catalog : schema);
                ps.setString(2, table);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        found.add("constraint " + rs.getString(1).toLowerCase(Locale.ROOT) + " " + name(rs.getString(2)));
                    }
                }
            }
            found.sort(null);
            lines.addAll(found);
        }

        private void checks(String table, List<String> lines) throws SQLException {
            // MariaDB names a column's CHECK after the column, so two tables can each have one called
            // party_size: its check_constraints names the table, and the join by name alone would cross.
            String sql = mariaDb()
                    ? "SELECT constraint_name, check_clause FROM information_schema.check_constraints "
                            + "WHERE constraint_schema = ? AND table_name = ?"
                    : "SELECT tc.constraint_name, cc.check_clause FROM information_schema.table_constraints tc "
                            + "JOIN information_schema.check_constraints cc ON cc.constraint_schema = tc.constraint_schema "
                            + "AND cc.constraint_name = tc.constraint_name "
                            + "WHERE tc.constraint_type = 'CHECK' AND tc.table_schema = ? AND tc.table_name = ?";
            List<String> found = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, mariaDb() ? catalog : schema);
                ps.setString(2, table);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String name = rs.getString(1);
                        if (!PG_NOT_NULL.matcher(name).matches()) {
                            found.add("check " + name(name) + " " + rs.getString(2));
                        }
                    }
                }
            }
            found.sort(null);
            lines.addAll(found);
        }

        /** The exclusion constraint that backs one-seat resources, which no portable view lists. */
        private void exclusions(String table, List<String> lines) throws SQLException {
            List<String> found = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
                    + "WHERE contype = 'x' AND conrelid = to_regclass(quote_ident(?) || '.' || quote_ident(?))")) {
                ps.setString(1, schema);
                ps.setString(2, table);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        found.add("exclusion " + name(rs.getString(1)) + " " + rs.getString(2));
                    }
                }
            }
            found.sort(null);
            lines.addAll(found);
        }

        /**
         * Engine, row format and collations, which decide on MariaDB whether ids compare
         * case-sensitively ({@code utf8mb4_bin}) and how long an index key may be.
         */
        private void tableOptions(String table, List<String> lines) throws SQLException {
            try (PreparedStatement ps = c.prepareStatement("SELECT engine, row_format, table_collation "
                    + "FROM information_schema.tables WHERE table_schema = ? AND table_name = ?")) {
                ps.setString(1, catalog);
                ps.setString(2, table);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        lines.add("table engine " + rs.getString(1) + ", row format " + rs.getString(2)
                                + ", collation " + rs.getString(3));
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT column_name, collation_name "
                    + "FROM information_schema.columns WHERE table_schema = ? AND table_name = ? "
                    + "AND collation_name IS NOT NULL ORDER BY ordinal_position")) {
                ps.setString(1, catalog);
                ps.setString(2, table);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        lines.add("collation " + lower(rs.getString(1)) + " " + rs.getString(2));
                    }
                }
            }
        }

        private String name(String name) {
            if (name == null) {
                return "<unnamed>";
            }
            String lower = lower(name);
            return "H2".equals(product) && H2_GENERATED.matcher(lower).matches() ? "<generated>" : lower;
        }
    }

    private static String lower(String identifier) {
        return identifier == null ? null : identifier.toLowerCase(Locale.ROOT);
    }
}
