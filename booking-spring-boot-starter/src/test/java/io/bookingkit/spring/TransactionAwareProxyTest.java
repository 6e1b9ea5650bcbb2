package io.bookingkit.spring;

import static io.bookingkit.spring.Fixtures.MONDAY_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bookingkit.BookingEngine;
import io.bookingkit.jdbc.JdbcBookingStore;
import io.bookingkit.jdbc.Schema;
import io.bookingkit.template.ServiceTemplate;
import io.bookingkit.template.TemplateCatalog;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.LazyConnectionDataSourceProxy;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Why the starter looks through a {@link TransactionAwareDataSourceProxy}: a store drawing its
 * connections through one commits the caller's transaction with its unit of work.
 */
class TransactionAwareProxyTest {

    private static final Instant TUESDAY_10 = MONDAY_8.plus(Duration.ofHours(26));

    @Test
    void aStoreBuiltOnTheProxyCommitsTheCallersRowWithTheBooking() {
        DataSource database = Fixtures.h2();
        Schema.create(database);
        BookingEngine engine = BookingEngine.builder().store(JdbcBookingStore.create(new TransactionAwareDataSourceProxy(database)))
                .clock(Clock.fixed(MONDAY_8, ZoneOffset.UTC))
                .templates(TemplateCatalog.of(ServiceTemplate.builder("haircut").duration(Duration.ofMinutes(30)).build()))
                .build();

        orderBookAndFail(database, engine);

        assertThat(count(database, "shop_order")).as("the caller's row outlived the caller's rollback").isEqualTo(1);
        assertThat(count(database, "bk_booking")).isEqualTo(1);
    }

    @Test
    void theStartersStoreOnTheProxyKeepsItsUnitsOfWorkToThemselves() {
        new ApplicationContextRunner().withConfiguration(BookingAutoConfigurationTest.STARTER)
                .withUserConfiguration(BookingAutoConfigurationTest.TransactionAwareDataSource.class,
                        BookingAutoConfigurationTest.FixedClock.class)
                .withPropertyValues("bookingkit.maintenance.enabled=false", "bookingkit.notifications.dispatch.enabled=false")
                .run(context -> {
                    DataSource database = ((TransactionAwareDataSourceProxy) context.getBean(DataSource.class))
                            .getTargetDataSource();
                    orderBookAndFail(database, context.getBean(BookingEngine.class));

                    assertThat(count(database, "shop_order")).as("the caller's row is rolled back").isZero();
                    assertThat(count(database, "bk_booking")).as("the booking stays").isEqualTo(1);
                });
    }

    @Test
    void theStartersStoreUnderAProxyInsideAnotherWrapperKeepsItsUnitsOfWorkToThemselves() {
        DataSource database = Fixtures.h2();
        new ApplicationContextRunner().withConfiguration(BookingAutoConfigurationTest.STARTER)
                .withUserConfiguration(BookingAutoConfigurationTest.FixedClock.class)
                .withBean(DataSource.class, () -> new LazyConnectionDataSourceProxy(new TransactionAwareDataSourceProxy(database)))
                .withPropertyValues("bookingkit.maintenance.enabled=false", "bookingkit.notifications.dispatch.enabled=false")
                .run(context -> {
                    orderBookAndFail(database, context.getBean(BookingEngine.class));

                    assertThat(count(database, "shop_order")).as("the caller's row is rolled back").isZero();
                    assertThat(count(database, "bk_booking")).as("the booking stays").isEqualTo(1);
                });
    }

    /** In a Spring transaction: writes an order, books, then fails. */
    private static void orderBookAndFail(DataSource database, BookingEngine engine) {
        JdbcTemplate jdbc = new JdbcTemplate(database);
        jdbc.execute("CREATE TABLE shop_order (id varchar(64) PRIMARY KEY)");
        Fixtures.openShop(engine);
        TransactionTemplate transaction = new TransactionTemplate(new DataSourceTransactionManager(database));
        assertThatThrownBy(() -> transaction.executeWithoutResult(status -> {
            jdbc.update("INSERT INTO shop_order (id) VALUES ('order-1')");
            Fixtures.book(engine, "haircut", TUESDAY_10, "ana");
            throw new IllegalStateException("payment refused");
        })).hasMessage("payment refused");
    }

    private static int count(DataSource database, String table) {
        return new JdbcTemplate(database).queryForObject("SELECT COUNT(*) FROM " + table, Integer.class);
    }
}
