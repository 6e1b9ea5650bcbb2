package io.bookingkit.spring;

import io.bookingkit.jdbc.JdbcBookingStore;
import io.bookingkit.jdbc.Schema;
import io.bookingkit.spi.BookingStore;
import io.bookingkit.spring.internal.OwnConnections;
import io.bookingkit.spring.internal.RequiredTables;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.util.ClassUtils;

/**
 * A {@link JdbcBookingStore} on the application's one {@link DataSource}, unless the
 * application has a {@link BookingStore} of its own. Settings: {@code bookingkit.jdbc.*}
 * ({@link BookingProperties.Jdbc}).
 *
 * <h2>Tables</h2>
 * With {@code bookingkit.jdbc.create-schema=true} the store creates or upgrades its tables at
 * startup ({@link Schema#create(DataSource, String)}), recording their version in its own table
 * {@code <prefix>schema_version}. Left unset, it does so unless the application has a Flyway or
 * Liquibase bean: a migration tool then owns the database, and the bookingkit tables are the
 * application's to migrate. Either set {@code create-schema=true}, which keeps the bookingkit
 * tables and their version beside the tool's (the store waits for the tool to finish first), or
 * copy the scripts shipped under {@code io/bookingkit/jdbc/schema/<postgresql|mariadb|h2>/}
 * into the tool's migrations under versions of the application's own: their names,
 * {@code V1__…} to {@code V6__…}, would collide with the application's. Tables left to the
 * application are checked at startup, once its migrations have run: when one is missing, startup
 * fails naming it, the prefix and the scripts' location, instead of the first booking.
 *
 * <h2>Units of work and the caller's transactions</h2>
 * The store takes a connection of its own from the data source for every unit of work and
 * commits it before the engine returns. It does not join a Spring transaction: a
 * {@code book(...)} called inside the application's {@code @Transactional} method commits on
 * its own, and stays committed when the caller's transaction rolls back afterwards (and the
 * caller's own writes are rolled back without it). The starter's tests measure exactly this on
 * H2. A {@code TransactionAwareDataSourceProxy} in the data source, around it or under other
 * wrappers such as a {@code LazyConnectionDataSourceProxy}, is looked through, so that this holds
 * for it too; one that cannot be looked through fails startup.
 *
 * <p>It is so on purpose. The no-double-booking guarantee rests on how a unit runs: at READ
 * COMMITTED, with the lock on the affected resources as its first statements, taken in sorted
 * order, and the decision made on what it reads after the lock. Inside a caller's transaction
 * none of that would hold: a REPEATABLE READ or SERIALIZABLE transaction reads from a snapshot
 * older than the lock (measured on PostgreSQL and H2: double bookings get through), the locks
 * and rows the caller's transaction already holds come before the resources' locks and break
 * the fixed order (two such requests can deadlock each other), and a later rollback by the
 * caller would undo a booking whose events and notifications had already gone out. So:
 * <ul>
 *   <li>undo a booking that the caller's failure makes unwanted with {@code engine.cancel(...)},
 *       or book last, once the caller's own work can no longer fail;</li>
 *   <li>never write to the bookingkit tables in the caller's transaction before calling the
 *       engine: the unit would wait for the caller's row locks until the lock timeout;</li>
 *   <li>a request inside {@code @Transactional} holds two connections while it books, its own
 *       and the unit's: size the pool above the number of such requests at once, or they wait
 *       for each other's connections until the pool's timeout.</li>
 * </ul>
 */
@AutoConfiguration(afterName = {
        // Boot 3, and Boot 4 (spring-boot-jdbc): named, so that one jar serves both.
        "org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration",
        "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration"})
@ConditionalOnClass({DataSource.class, JdbcBookingStore.class})
@ConditionalOnSingleCandidate(DataSource.class)
@EnableConfigurationProperties(BookingProperties.class)
public class BookingJdbcAutoConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(BookingJdbcAutoConfiguration.class);

    private static final List<MigrationTool> MIGRATION_TOOLS = List.of(
            new MigrationTool("Flyway", "org.flywaydb.core.Flyway"),
            new MigrationTool("Liquibase", "liquibase.integration.spring.SpringLiquibase"));

    /**
     * The store, after creating or upgrading its tables when {@code bookingkit.jdbc.create-schema}
     * says so, or else checking that they are there. Waits for the application's Flyway or
     * Liquibase, when it has one. Backs off when the application has a {@link BookingStore} bean
     * of its own.
     *
     * @param dataSource the application's one data source, or its primary one; the store looks
     *        through a {@code TransactionAwareDataSourceProxy} in it
     * @param properties the {@code bookingkit.jdbc.*} settings
     * @param beans the context, to look for a Flyway or Liquibase bean
     * @return the store
     * @throws IllegalStateException when the tables are left to the application and one is missing,
     *         or when the data source holds a transaction-aware proxy that cannot be looked through
     */
    @Bean
    @ConditionalOnMissingBean(BookingStore.class)
    @DependsOnDatabaseInitialization
    public JdbcBookingStore bookingStore(DataSource dataSource, BookingProperties properties,
                                         ConfigurableListableBeanFactory beans) {
        BookingProperties.Jdbc settings = properties.getJdbc();
        DataSource own = OwnConnections.of(dataSource);
        JdbcBookingStore.Config.Builder builder = JdbcBookingStore.builder(own);
        if (settings.getTablePrefix() != null) {
            builder.tablePrefix(settings.getTablePrefix());
        }
        if (settings.getMaxRetries() != null) {
            builder.maxRetries(settings.getMaxRetries());
        }
        if (settings.getRetryBackoff() != null) {
            builder.retryBackoff(settings.getRetryBackoff());
        }
        JdbcBookingStore store = builder.build();
        String notCreatedBecause = notCreatedBecause(settings, beans);
        if (notCreatedBecause == null) {
            Schema.create(own, store.config().tablePrefix());
        } else {
            RequiredTables.check(store, notCreatedBecause);
        }
        return store;
    }

    /** Why the starter leaves the tables to the application, or null when it creates them. */
    private static String notCreatedBecause(BookingProperties.Jdbc settings, ConfigurableListableBeanFactory beans) {
        if (settings.getCreateSchema() != null) {
            return settings.getCreateSchema() ? null : "bookingkit.jdbc.create-schema=false";
        }
        ClassLoader classes = beans.getBeanClassLoader();
        for (MigrationTool tool : MIGRATION_TOOLS) {
            if (ClassUtils.isPresent(tool.beanClass(), classes) && beans.getBeanNamesForType(
                    ClassUtils.resolveClassName(tool.beanClass(), classes), true, false).length > 0) {
                LOG.info("bookingkit leaves its tables to the application's {} (bookingkit.jdbc.create-schema is not "
                        + "set): add the scripts under classpath:io/bookingkit/jdbc/schema/ to its migrations, or set "
                        + "bookingkit.jdbc.create-schema=true", tool.name());
                return "the application has " + tool.name() + " (and bookingkit.jdbc.create-schema is not set)";
            }
        }
        return null;
    }

    /** A migration tool whose bean, when the context has one, owns the database. */
    private record MigrationTool(String name, String beanClass) {
    }
}
