package io.bookingkit.spring.internal;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;
import org.springframework.util.ClassUtils;

/**
 * The data source the store takes its connections from: the application's, minus any
 * {@code TransactionAwareDataSourceProxy} in it. Through such a proxy the store's connection
 * would be the caller's transaction's, and the unit's commit, isolation and lock order would be
 * the caller's; without it every unit of work is a transaction of its own.
 *
 * <p>The proxy is looked for along the whole chain of wrappers, not only outermost: through the
 * targets of Spring's {@code DelegatingDataSource}s (a {@code LazyConnectionDataSourceProxy}
 * around the proxy, for one), and through {@link DataSource#isWrapperFor} for wrappers of other
 * kinds. The store then uses the proxy's target, without the wrappers around the proxy; the log
 * names the whole chain.
 */
public final class OwnConnections {

    private static final Logger LOG = LoggerFactory.getLogger(OwnConnections.class);

    private static final boolean SPRING_JDBC = ClassUtils.isPresent(
            "org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy", OwnConnections.class.getClassLoader());

    private OwnConnections() {
    }

    /**
     * The data source under the transaction-aware proxies in {@code dataSource}'s chain of
     * wrappers, or {@code dataSource} itself when it holds none.
     *
     * @param dataSource the application's data source
     * @return the data source the store takes its own connections from
     * @throws IllegalStateException when the chain holds a transaction-aware proxy that cannot be
     *         reached or has no target, naming the wrappers
     */
    public static DataSource of(DataSource dataSource) {
        return SPRING_JDBC ? SpringJdbc.unwrap(dataSource) : dataSource;
    }

    // A class of its own, so that OwnConnections loads where spring-jdbc is absent.
    private static final class SpringJdbc {

        static DataSource unwrap(DataSource dataSource) {
            DataSource current = dataSource;
            TransactionAwareDataSourceProxy proxy;
            while ((proxy = transactionAware(current, dataSource)) != null) {
                current = proxy.getTargetDataSource();
                if (current == null) {
                    throw new IllegalStateException("bookingkit's JDBC store cannot take connections of its own from "
                            + chain(dataSource) + ": its TransactionAwareDataSourceProxy has no target data source");
                }
            }
            if (current != dataSource) {
                // What wrappers around a proxy add (laziness, metrics) cannot be had without the
                // proxy's joining the caller's transaction: the store's own transactions come first.
                LOG.info("bookingkit's JDBC store takes its connections from {}, not from {}: through a "
                        + "TransactionAwareDataSourceProxy its units of work would join the caller's transactions",
                        current.getClass().getName(), chain(dataSource));
            }
            return current;
        }

        /** The first transaction-aware proxy in {@code current}'s chain, or null. */
        private static TransactionAwareDataSourceProxy transactionAware(DataSource current, DataSource application) {
            for (DataSource link = current; link != null; link = targetOf(link)) {
                if (link instanceof TransactionAwareDataSourceProxy proxy) {
                    return proxy;
                }
                if (!(link instanceof DelegatingDataSource)) {
                    // Wrappers of other kinds (a metrics proxy, an AOP proxy of the bean) may hide one too,
                    // and say so through isWrapperFor.
                    return hiddenIn(link, application);
                }
            }
            return null;
        }

        private static TransactionAwareDataSourceProxy hiddenIn(DataSource link, DataSource application) {
            try {
                if (!link.isWrapperFor(TransactionAwareDataSourceProxy.class)) {
                    return null;
                }
            } catch (SQLException e) {
                LOG.debug("{} cannot say whether it wraps a TransactionAwareDataSourceProxy", link.getClass().getName(), e);
                return null;
            }
            try {
                return link.unwrap(TransactionAwareDataSourceProxy.class);
            } catch (SQLException | RuntimeException e) {
                throw new IllegalStateException("bookingkit's JDBC store cannot take connections of its own from "
                        + chain(application) + ": " + link.getClass().getName() + " wraps a "
                        + "TransactionAwareDataSourceProxy, through which the store's units of work would join the "
                        + "caller's transactions, but does not unwrap it. Give the store a data source without the proxy: "
                        + "a JdbcBookingStore bean of the application's own", e);
            }
        }

        private static DataSource targetOf(DataSource link) {
            return link instanceof DelegatingDataSource delegating ? delegating.getTargetDataSource() : null;
        }

        private static String chain(DataSource dataSource) {
            List<String> links = new ArrayList<>();
            for (DataSource link = dataSource; link != null; link = targetOf(link)) {
                links.add(link.getClass().getName());
            }
            return "the application's data source " + String.join(" > ", links);
        }
    }
}
