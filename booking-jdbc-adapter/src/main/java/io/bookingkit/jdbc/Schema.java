package io.bookingkit.jdbc;

import io.bookingkit.error.StorageException;
import io.bookingkit.jdbc.dialect.Dialect;
import io.bookingkit.jdbc.dialect.Dialects;
import java.util.Objects;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * The store's tables. The DDL ships in the jar as
 * {@code io/bookingkit/jdbc/schema/<postgresql|mariadb|h2>/V1__bookingkit.sql} (Flyway-style
 * names), for applications that hand it to their migration tool; {@link #create} applies it
 * directly, for demos and tests.
 */
public final class Schema {

    private Schema() {
    }

    /** Creates the tables with the default {@code bk_} prefix in the connection's default schema. */
    public static void create(DataSource dataSource) {
        create(dataSource, "bk_");
    }

    /** Creates the tables with {@code tablePrefix} instead of {@code bk_}, in the connection's default schema. */
    public static void create(DataSource dataSource, String tablePrefix) {
        Objects.requireNonNull(dataSource, "dataSource must not be null");
        Objects.requireNonNull(tablePrefix, "tablePrefix must not be null");
        Dialect dialect = Dialects.detect(dataSource);
        List<String> statements = statements(ddl(dialect).replace("bk_", tablePrefix));
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
            if (!c.getAutoCommit()) {
                c.commit();
            }
        } catch (SQLException e) {
            throw new StorageException("Creating the bookingkit tables failed: " + e.getMessage(), e.getSQLState(), e);
        }
    }

    /** The DDL for {@code dialect}, as shipped. */
    public static String ddl(Dialect dialect) {
        String resource = "/io/bookingkit/jdbc/schema/" + dialect.schemaFolder() + "/V1__bookingkit.sql";
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
