package io.bookingkit.jdbc.dialect;

import io.bookingkit.error.StorageException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;

/** Chooses the {@link Dialect} of a database from its metadata. */
public final class Dialects {

    private Dialects() {
    }

    /**
     * The dialect of the database behind {@code dataSource}.
     *
     * @param dataSource where to get a connection; it is closed again before this returns
     * @return the dialect for the product name in the connection's metadata
     * @throws StorageException if the database is not one bookingkit supports, or cannot be reached
     */
    public static Dialect detect(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            return forProduct(connection.getMetaData().getDatabaseProductName());
        } catch (SQLException e) {
            throw new StorageException("Cannot read the database's metadata to choose a dialect", e.getSQLState(), e);
        }
    }

    /**
     * The dialect for a {@code DatabaseMetaData.getDatabaseProductName()}.
     *
     * @param productName the product name, such as {@code PostgreSQL}, {@code MariaDB},
     *                    {@code MySQL} or {@code H2}; case does not matter
     * @return a new dialect for that database
     * @throws StorageException naming the product if it is not supported
     */
    public static Dialect forProduct(String productName) {
        String name = String.valueOf(productName).toLowerCase(Locale.ROOT);
        if (name.contains("postgresql")) {
            return new PostgresDialect();
        }
        if (name.contains("mariadb") || name.contains("mysql")) {
            return new MariaDbDialect();
        }
        if (name.equals("h2")) {
            return new H2Dialect();
        }
        throw new StorageException("Database '" + productName + "' is not supported; bookingkit supports PostgreSQL, "
                + "MariaDB/MySQL and H2", null);
    }

    /** {@code INSERT INTO table (columns) VALUES (?, …)}, one parameter per column. */
    static String insert(String table, List<String> columns) {
        return "INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES ("
                + String.join(", ", Collections.nCopies(columns.size(), "?")) + ")";
    }
}
