package io.bookingkit.examples;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.util.Objects;

/**
 * The connection pool the example programs run on, from their command line: a JDBC URL, then
 * optionally a user name and a password; embedded H2 when none is given.
 */
public final class ExampleDatabase {

    private ExampleDatabase() {
    }

    /**
     * A pool of at most four connections to the database {@code args} name.
     *
     * @param args       the JDBC URL, then optionally the user name and the password; empty for
     *                   {@code defaultUrl}
     * @param defaultUrl the URL used when {@code args} is empty, such as an H2 in-memory database
     * @return the pool; the caller closes it
     */
    public static HikariDataSource fromArgs(String[] args, String defaultUrl) {
        Objects.requireNonNull(args, "args");
        Objects.requireNonNull(defaultUrl, "defaultUrl");
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(args.length > 0 ? args[0] : defaultUrl);
        if (args.length > 1) {
            config.setUsername(args[1]);
        }
        if (args.length > 2) {
            config.setPassword(args[2]);
        }
        config.setMaximumPoolSize(4);
        return new HikariDataSource(config);
    }
}
