package io.bookingkit.spring.internal;

import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.util.ClassUtils;

/**
 * The data source the store takes its connections from: the application's, minus any
 * {@code TransactionAwareDataSourceProxy} around it. Through such a proxy the store's
 * connection would be the caller's transaction's, and the unit's commit, isolation and lock
 * order would be the caller's; without it every unit of work is a transaction of its own.
 */
public final class OwnConnections {

    private static final Logger LOG = LoggerFactory.getLogger(OwnConnections.class);

    private static final boolean SPRING_JDBC = ClassUtils.isPresent(
            "org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy", OwnConnections.class.getClassLoader());

    private OwnConnections() {
    }

    /** {@code dataSource}, or the target of the transaction-aware proxies around it. */
    public static DataSource of(DataSource dataSource) {
        return SPRING_JDBC ? SpringJdbc.unwrap(dataSource) : dataSource;
    }

    // A class of its own, so that OwnConnections loads where spring-jdbc is absent.
    private static final class SpringJdbc {

        static DataSource unwrap(DataSource dataSource) {
            DataSource current = dataSource;
            while (current instanceof org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy proxy
                    && proxy.getTargetDataSource() != null) {
                LOG.info("bookingkit's JDBC store takes its connections from the data source inside the "
                        + "application's TransactionAwareDataSourceProxy, so that its units of work stay transactions "
                        + "of their own");
                current = proxy.getTargetDataSource();
            }
            return current;
        }
    }
}
