package io.bookingkit.spring;

import static io.bookingkit.spring.Fixtures.CHAIR;
import static io.bookingkit.spring.Fixtures.MONDAY_8;
import static io.bookingkit.spring.Fixtures.TENANT;
import static io.bookingkit.spring.Fixtures.book;
import static io.bookingkit.spring.Fixtures.inTwoDays;
import static io.bookingkit.spring.Fixtures.openShop;
import static io.bookingkit.spring.Fixtures.tables;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.jayway.jsonpath.JsonPath;
import io.bookingkit.BookingEngine;
import io.bookingkit.booking.Actor;
import io.bookingkit.booking.Booking;
import io.bookingkit.booking.BookingStatus;
import io.bookingkit.jdbc.JdbcBookingStore;
import io.bookingkit.memory.InMemoryBookingStore;
import io.bookingkit.notify.BookingEvent;
import io.bookingkit.notify.BookingListener;
import io.bookingkit.notify.Notification;
import io.bookingkit.notify.NotificationPort;
import io.bookingkit.policy.BookingRule;
import io.bookingkit.policy.ChangeRule;
import io.bookingkit.policy.PolicyViolationException;
import io.bookingkit.policy.Violation;
import io.bookingkit.spi.BookingStore;
import io.bookingkit.spring.internal.ScheduledMaintenance;
import io.bookingkit.template.ServiceTemplate;
import io.bookingkit.template.TemplateCatalog;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import javax.sql.DataSource;
import liquibase.integration.spring.SpringLiquibase;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.jdbc.datasource.LazyConnectionDataSourceProxy;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;
import org.springframework.test.util.ReflectionTestUtils;

/** Which beans the starter makes, which of the application's it takes, and how properties set them. */
class BookingAutoConfigurationTest {

    static final AutoConfigurations STARTER = AutoConfigurations.of(BookingJdbcAutoConfiguration.class,
            BookingAutoConfiguration.class, BookingSchedulingAutoConfiguration.class);

    /** Where the shipped H2 scripts are, for the application's migration tool. */
    static final String BOOKINGKIT_H2_SCRIPTS = "classpath:io/bookingkit/jdbc/schema/h2";

    private final ApplicationContextRunner runner = new ApplicationContextRunner().withConfiguration(STARTER);

    // Maintenance on a database without the bookingkit tables would fail, and say so in the log.
    private final ApplicationContextRunner withoutTablesOrSchedule = runner.withPropertyValues(
            "bookingkit.maintenance.enabled=false", "bookingkit.notifications.dispatch.enabled=false");

    // ---- defaults ----------------------------------------------------------------------------

    @Test
    void onTheApplicationsDataSourceItMakesAJdbcStoreItsTablesAnEngineAndItsSchedule() {
        runner.withUserConfiguration(Fixtures.H2DataSource.class).run(context -> {
            assertThat(context).hasNotFailed()
                    .hasSingleBean(JdbcBookingStore.class)
                    .hasSingleBean(TemplateCatalog.class)
                    .hasSingleBean(BookingEngine.class)
                    .hasSingleBean(ScheduledMaintenance.class);
            DataSource dataSource = context.getBean(DataSource.class);
            JdbcBookingStore store = context.getBean(JdbcBookingStore.class);
            assertThat(store.config().dataSource()).isSameAs(dataSource);
            assertThat(store.config().tablePrefix()).isEqualTo("bk_");
            assertThat(tables(dataSource, "bk_schema_version")).as("Schema.create ran").isEqualTo(1);
            // The template file at the default location, classpath*:bookingkit/*.properties.
            assertThat(context.getBean(TemplateCatalog.class).names()).containsExactly("haircut");
            assertThat(context.getBean(ScheduledMaintenance.class).scheduledCount()).isEqualTo(2);

            BookingEngine engine = context.getBean(BookingEngine.class);
            openShop(engine);
            Booking booking = book(engine, "haircut", inTwoDays(Clock.systemUTC()), "ana");
            assertThat(booking.status()).isEqualTo(BookingStatus.CONFIRMED);
            assertThat(store.reads(TENANT).findBooking(booking.id())).map(Booking::status).contains(BookingStatus.CONFIRMED);
        });
    }

    @Test
    void withoutADataSourceOrAStoreThereIsNoEngine() {
        runner.run(context -> assertThat(context).hasNotFailed()
                .doesNotHaveBean(BookingStore.class)
                .doesNotHaveBean(BookingEngine.class)
                .doesNotHaveBean(ScheduledMaintenance.class)
                .hasSingleBean(TemplateCatalog.class));
    }

    @Test
    void withoutAClockBeanTheEngineReadsTheSystemClockInUtc() {
        runner.withUserConfiguration(MemoryStore.class).run(context -> {
            BookingEngine engine = context.getBean(BookingEngine.class);
            openShop(engine);
            Instant before = Instant.now();
            Booking booking = book(engine, "haircut", inTwoDays(Clock.systemUTC()), "ana");
            assertThat(booking.createdAt()).isBetween(before, Instant.now());
            // The engine offers no getter of its clock; the JVM's zone here is Asia/Kathmandu.
            Clock clock = (Clock) ReflectionTestUtils.getField(engine, "clock");
            assertThat(clock.getZone()).isEqualTo(ZoneOffset.UTC);
            assertThat(clock).isEqualTo(Clock.systemUTC());
        });
    }

    // ---- the application's beans -------------------------------------------------------------

    @Test
    void theApplicationsClockIsTheEnginesClock() {
        runner.withUserConfiguration(MemoryStore.class, FixedClock.class).run(context -> {
            BookingEngine engine = context.getBean(BookingEngine.class);
            openShop(engine);
            Booking booking = book(engine, "haircut", MONDAY_8.plus(Duration.ofHours(26)), "ana");
            assertThat(booking.createdAt()).isEqualTo(MONDAY_8);
        });
    }

    @Test
    void theApplicationsOwnStoreTakesThePlaceOfTheJdbcStore() {
        runner.withUserConfiguration(Fixtures.H2DataSource.class, MemoryStore.class).run(context -> {
            assertThat(context).hasNotFailed().doesNotHaveBean(JdbcBookingStore.class);
            assertThat(tables(context.getBean(DataSource.class), "bk_")).isZero();
            BookingEngine engine = context.getBean(BookingEngine.class);
            openShop(engine);
            assertThat(context.getBean(InMemoryBookingStore.class).findResource(TENANT, CHAIR)).isPresent();
        });
    }

    @Test
    void theApplicationsOwnCatalogAndEngineWin() {
        runner.withUserConfiguration(MemoryStore.class, OwnCatalogAndEngine.class).run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(TemplateCatalog.class).hasSingleBean(BookingEngine.class);
            assertThat(context.getBean(TemplateCatalog.class)).isSameAs(OwnCatalogAndEngine.CATALOG);
            assertThat(context.getBean(BookingEngine.class).templates()).isSameAs(OwnCatalogAndEngine.CATALOG);
            assertThat(context.getBean(BookingEngine.class).templates().names()).containsExactly("trim");
            assertThat(context).hasSingleBean(ScheduledMaintenance.class);
        });
    }

    @Test
    void notificationPortRulesChangeRulesListenersAndCustomizersAreTakenFromTheContext() {
        runner.withUserConfiguration(MemoryStore.class, FixedClock.class, Extensions.class).run(context -> {
            BookingEngine engine = context.getBean(BookingEngine.class);
            Extensions extensions = context.getBean(Extensions.class);
            openShop(engine);

            Booking booking = book(engine, "haircut", MONDAY_8.plus(Duration.ofHours(26)), "ana");
            assertThat(booking.id()).as("the customizer's ids").isEqualTo("booking-1");
            assertThat(extensions.events).contains(BookingEvent.Kind.CONFIRMED);
            assertThat(extensions.notifications).as("delivered after commit").isNotEmpty();

            Instant lunch = MONDAY_8.plus(Duration.ofHours(29));
            assertThatThrownBy(() -> book(engine, "haircut", lunch, "ben"))
                    .isInstanceOfSatisfying(PolicyViolationException.class,
                            e -> assertThat(e.codes()).containsExactly("lunch-break"));
            assertThatThrownBy(() -> engine.cancel(booking.id(), Actor.customer(TENANT, "ana"), "changed my mind"))
                    .isInstanceOfSatisfying(PolicyViolationException.class,
                            e -> assertThat(e.codes()).containsExactly("no-cancellations"));
        });
    }

    @Test
    void rulesChangeRulesListenersAndCustomizersAreAppliedInOrder() {
        runner.withUserConfiguration(MemoryStore.class, FixedClock.class, OrderedExtensions.class).run(context -> {
            BookingEngine engine = context.getBean(BookingEngine.class);
            OrderedExtensions extensions = context.getBean(OrderedExtensions.class);
            openShop(engine);
            Instant lunch = MONDAY_8.plus(Duration.ofHours(29));

            assertThatThrownBy(() -> book(engine, "haircut", lunch, "ana"))
                    .isInstanceOfSatisfying(PolicyViolationException.class,
                            e -> assertThat(e.codes()).containsExactly("first-rule", "second-rule"));
            assertThat(extensions.customized).containsExactly("first", "second");

            extensions.bookAnywhere = true;
            Booking booking = book(engine, "haircut", lunch, "ana");
            assertThat(booking.id()).as("the later customizer's ids").startsWith("second-");
            assertThat(String.join(",", extensions.heard)).as("each event, first to one listener, then the other")
                    .matches("first,second(,first,second)*");
            assertThatThrownBy(() -> engine.cancel(booking.id(), Actor.customer(TENANT, "ana"), "changed my mind"))
                    .isInstanceOfSatisfying(PolicyViolationException.class,
                            e -> assertThat(e.codes()).containsExactly("first-change-rule", "second-change-rule"));
        });
    }

    @Test
    void twoClocksWithoutAPrimaryOneFailStartupNamingBoth() {
        runner.withUserConfiguration(MemoryStore.class, FixedClock.class, SecondClock.class).run(context ->
                assertThat(context).getFailure().rootCause().hasMessageContaining("one Clock")
                        .hasMessageContaining("[clock, secondClock]").hasMessageContaining("@Primary"));
    }

    @Test
    void twoNotificationPortsWithoutAPrimaryOneFailStartupNamingBoth() {
        runner.withUserConfiguration(MemoryStore.class, TwoPorts.class).run(context -> assertThat(context)
                .getFailure().rootCause().hasMessageContaining("[mail, sms]").hasMessageContaining("@Primary"));
        runner.withUserConfiguration(MemoryStore.class, TwoPorts.class, PrimaryPort.class)
                .run(context -> assertThat(context).hasNotFailed().hasSingleBean(BookingEngine.class));
    }

    @Test
    void withoutAPortTheEngineWritesNoNotificationsUnlessTheyAreDeliveredElsewhere() {
        runner.withUserConfiguration(MemoryStore.class, FixedClock.class).run(context -> {
            BookingEngine engine = context.getBean(BookingEngine.class);
            openShop(engine);
            book(engine, "haircut", MONDAY_8.plus(Duration.ofHours(26)), "ana");
            assertThat(context.getBean(InMemoryBookingStore.class).outbox().claimDueMessages(MONDAY_8.plusSeconds(60), 10,
                    Duration.ofMinutes(1))).isEmpty();
        });
        runner.withUserConfiguration(MemoryStore.class, FixedClock.class)
                .withPropertyValues("bookingkit.notifications.delivered-elsewhere=true").run(context -> {
                    BookingEngine engine = context.getBean(BookingEngine.class);
                    openShop(engine);
                    book(engine, "haircut", MONDAY_8.plus(Duration.ofHours(26)), "ana");
                    assertThat(context.getBean(InMemoryBookingStore.class).outbox().claimDueMessages(MONDAY_8.plusSeconds(60),
                            10, Duration.ofMinutes(1))).isNotEmpty();
                });
    }

    // ---- the JDBC store's properties and its tables -------------------------------------------

    @Test
    void jdbcPropertiesSetTheStore() {
        runner.withUserConfiguration(Fixtures.H2DataSource.class)
                .withPropertyValues("bookingkit.jdbc.table-prefix=salon_", "bookingkit.jdbc.max-retries=3",
                        "bookingkit.jdbc.retry-backoff=50ms")
                .run(context -> {
                    JdbcBookingStore.Config config = context.getBean(JdbcBookingStore.class).config();
                    assertThat(config.tablePrefix()).isEqualTo("salon_");
                    assertThat(config.maxRetries()).isEqualTo(3);
                    assertThat(config.retryBackoff()).isEqualTo(Duration.ofMillis(50));
                    DataSource dataSource = context.getBean(DataSource.class);
                    assertThat(tables(dataSource, "salon_schema_version")).isEqualTo(1);
                    assertThat(tables(dataSource, "bk_")).isZero();
                });
    }

    @Test
    void createSchemaFalseLeavesTheDatabaseAlone() {
        withoutTablesOrSchedule.withUserConfiguration(MigratedH2.class)
                .withPropertyValues("bookingkit.jdbc.create-schema=false")
                .run(context -> {
                    assertThat(context).hasNotFailed().hasSingleBean(JdbcBookingStore.class);
                    assertThat(tables(context.getBean(DataSource.class), "bk_schema_version")).isZero();
                });
    }

    @Test
    void createSchemaFalseOnADatabaseWithoutTheTablesFailsStartupNamingThem() {
        withoutTablesOrSchedule.withUserConfiguration(Fixtures.H2DataSource.class)
                .withPropertyValues("bookingkit.jdbc.create-schema=false", "bookingkit.jdbc.table-prefix=salon_")
                .run(context -> assertThat(context).getFailure().rootCause()
                        .isInstanceOf(IllegalStateException.class)
                        .hasMessageContaining("finds no table salon_booking, salon_booking_resource, ")
                        .hasMessageContaining("salon_task, salon_transition, salon_waitlist_entry")
                        .hasMessageContaining("table prefix salon_")
                        .hasMessageContaining("bookingkit.jdbc.create-schema=false")
                        .hasMessageContaining("classpath:io/bookingkit/jdbc/schema/h2")
                        .hasMessageContaining("set bookingkit.jdbc.create-schema=true"));
    }

    @Test
    void aFlywayBeanOwnsTheTablesUnlessCreateSchemaIsSet() {
        withoutTablesOrSchedule.withUserConfiguration(Fixtures.H2DataSource.class, FlywayWithTheBookingkitScripts.class)
                .run(context -> {
                    assertThat(context).hasNotFailed().hasSingleBean(JdbcBookingStore.class);
                    DataSource dataSource = context.getBean(DataSource.class);
                    assertThat(tables(dataSource, "bk_booking")).as("made by Flyway").isPositive();
                    assertThat(tables(dataSource, "bk_schema_version")).as("Schema.create's").isZero();
                });
        runner.withUserConfiguration(Fixtures.H2DataSource.class, FlywayBean.class)
                .withPropertyValues("bookingkit.jdbc.create-schema=true", "bookingkit.jdbc.table-prefix=salon_")
                .run(context -> assertThat(tables(context.getBean(DataSource.class), "salon_schema_version"))
                        .isEqualTo(1));
    }

    @Test
    void aFlywayBeanWithoutTheBookingkitScriptsFailsStartupNamingTheMissingTables() {
        withoutTablesOrSchedule.withUserConfiguration(Fixtures.H2DataSource.class, FlywayBean.class)
                .withPropertyValues("bookingkit.jdbc.table-prefix=salon_")
                .run(context -> assertThat(context).getFailure().rootCause()
                        .hasMessageContaining("finds no table salon_booking, ")
                        .hasMessageContaining("the application has Flyway")
                        .hasMessageContaining("Point the migration tool at classpath:io/bookingkit/jdbc/schema/h2"));
    }

    @Test
    void aLiquibaseBeanOwnsTheTablesUnlessCreateSchemaIsSet() {
        withoutTablesOrSchedule.withUserConfiguration(Fixtures.H2DataSource.class, LiquibaseWithTheBookingkitScripts.class)
                .run(context -> {
                    assertThat(context).hasNotFailed().hasSingleBean(JdbcBookingStore.class);
                    DataSource dataSource = context.getBean(DataSource.class);
                    assertThat(tables(dataSource, "bk_booking")).as("made by Liquibase").isPositive();
                    assertThat(tables(dataSource, "bk_schema_version")).as("Schema.create's").isZero();
                });
        withoutTablesOrSchedule.withUserConfiguration(Fixtures.H2DataSource.class, LiquibaseBean.class)
                .withPropertyValues("bookingkit.jdbc.table-prefix=salon_")
                .run(context -> assertThat(context).getFailure().rootCause()
                        .hasMessageContaining("finds no table salon_booking, ")
                        .hasMessageContaining("the application has Liquibase"));
        runner.withUserConfiguration(Fixtures.H2DataSource.class, LiquibaseBean.class)
                .withPropertyValues("bookingkit.jdbc.create-schema=true", "bookingkit.jdbc.table-prefix=salon_")
                .run(context -> assertThat(tables(context.getBean(DataSource.class), "salon_schema_version"))
                        .isEqualTo(1));
    }

    @Test
    void aTransactionAwareProxyAroundTheDataSourceIsLookedThrough() {
        runner.withUserConfiguration(TransactionAwareDataSource.class).run(context -> {
            DataSource proxy = context.getBean(DataSource.class);
            assertThat(proxy).isInstanceOf(TransactionAwareDataSourceProxy.class);
            assertThat(context.getBean(JdbcBookingStore.class).config().dataSource())
                    .isSameAs(((TransactionAwareDataSourceProxy) proxy).getTargetDataSource());
        });
    }

    @Test
    void aTransactionAwareProxyUnderAnotherWrapperIsLookedThrough() {
        DataSource database = Fixtures.h2();
        runner.withBean(DataSource.class, () -> new LazyConnectionDataSourceProxy(
                new TransactionAwareDataSourceProxy(database))).run(context ->
                        assertThat(context.getBean(JdbcBookingStore.class).config().dataSource()).isSameAs(database));
        DataSource lazy = new LazyConnectionDataSourceProxy(database);
        runner.withBean(DataSource.class, () -> new DelegatingDataSource(new TransactionAwareDataSourceProxy(
                new DelegatingDataSource(new TransactionAwareDataSourceProxy(lazy))))).run(context ->
                        assertThat(context.getBean(JdbcBookingStore.class).config().dataSource())
                                .as("every proxy in the chain, and the wrappers below the last one kept").isSameAs(lazy));
    }

    @Test
    void aTransactionAwareProxyInsideAWrapperOfAnotherKindIsFoundThroughIsWrapperFor() {
        DataSource database = Fixtures.h2();
        runner.withBean(DataSource.class, () -> new ForeignWrapper(new TransactionAwareDataSourceProxy(database), true))
                .run(context -> assertThat(context.getBean(JdbcBookingStore.class).config().dataSource())
                        .isSameAs(database));
    }

    @Test
    void aTransactionAwareProxyThatCannotBeUnwrappedFailsStartup() {
        runner.withBean(DataSource.class, () -> new ForeignWrapper(new TransactionAwareDataSourceProxy(Fixtures.h2()),
                false)).run(context -> assertThat(context).getFailure()
                        .hasStackTraceContaining("IllegalStateException: bookingkit's JDBC store cannot take connections "
                                + "of its own from the application's data source " + ForeignWrapper.class.getName())
                        .hasStackTraceContaining(ForeignWrapper.class.getName() + " wraps a TransactionAwareDataSourceProxy")
                        .hasStackTraceContaining("would join the caller's transactions"));
    }

    @Test
    void theMaintenanceDefaultsAreTheEnginesOwn() {
        BookingProperties.Maintenance maintenance = new BookingProperties().getMaintenance();
        assertThat(maintenance.getBatch()).isEqualTo(BookingEngine.Builder.DEFAULT_MAINTENANCE_BATCH);
        assertThat(maintenance.getLease()).isEqualTo(BookingEngine.Builder.DEFAULT_MAINTENANCE_LEASE);
    }

    @Test
    void theConfigurationMetadataShowsTheEnginesMaintenanceDefaults() throws Exception {
        // The metadata cannot read the defaults from the core's constants, so the starter writes them out.
        String metadata;
        try (InputStream in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
            metadata = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<Integer> batch = JsonPath.read(metadata, "$.properties[?(@.name == 'bookingkit.maintenance.batch')].defaultValue");
        List<String> lease = JsonPath.read(metadata, "$.properties[?(@.name == 'bookingkit.maintenance.lease')].defaultValue");
        assertThat(batch).containsExactly(BookingEngine.Builder.DEFAULT_MAINTENANCE_BATCH);
        assertThat(lease).singleElement().extracting(DurationStyle::detectAndParse)
                .isEqualTo(BookingEngine.Builder.DEFAULT_MAINTENANCE_LEASE);
    }

    @Test
    void aBadMaintenanceSettingFailsStartupNamingTheProperty() {
        runner.withUserConfiguration(MemoryStore.class).withPropertyValues("bookingkit.maintenance.batch=0")
                .run(context -> assertThat(context).getFailure()
                        .hasStackTraceContaining("bookingkit.maintenance.batch must be positive, but was 0"));
        runner.withUserConfiguration(MemoryStore.class).withPropertyValues("bookingkit.maintenance.interval=0s")
                .run(context -> assertThat(context).getFailure()
                        .hasStackTraceContaining("bookingkit.maintenance.interval must be a positive duration"));
    }

    // ---- the application's configurations ----------------------------------------------------

    @Configuration(proxyBeanMethods = false)
    static class MemoryStore {
        @Bean
        InMemoryBookingStore memoryStore() {
            return new InMemoryBookingStore();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class FixedClock {
        @Bean
        Clock clock() {
            return Clock.fixed(MONDAY_8, ZoneOffset.UTC);
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class SecondClock {
        @Bean
        Clock secondClock() {
            return Clock.systemUTC();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnCatalogAndEngine {
        static final TemplateCatalog CATALOG =
                TemplateCatalog.of(ServiceTemplate.builder("trim").duration(Duration.ofMinutes(15)).build());

        @Bean
        TemplateCatalog catalog() {
            return CATALOG;
        }

        @Bean
        BookingEngine engine(BookingStore store) {
            return BookingEngine.builder().store(store).clock(Clock.systemUTC()).templates(CATALOG).build();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class Extensions {
        final List<BookingEvent.Kind> events = new CopyOnWriteArrayList<>();
        final List<Notification> notifications = new CopyOnWriteArrayList<>();

        @Bean
        NotificationPort port() {
            return notifications::add;
        }

        @Bean
        BookingListener listener() {
            return event -> events.add(event.kind());
        }

        @Bean
        BookingRule lunchBreak() {
            return (check, report) -> {
                if (check.start().atZone(ZoneOffset.UTC).getHour() == 13) {
                    report.accept(Violation.of("lunch-break"));
                }
            };
        }

        @Bean
        ChangeRule noCancellations() {
            return (check, report) -> report.accept(Violation.of("no-cancellations"));
        }

        @Bean
        @Order(1)
        BookingEngineCustomizer countingIds() {
            AtomicInteger next = new AtomicInteger();
            return builder -> builder.ids(() -> "booking-" + next.incrementAndGet());
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class TwoPorts {
        @Bean
        NotificationPort mail() {
            return notification -> { };
        }

        @Bean
        NotificationPort sms() {
            return notification -> { };
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class PrimaryPort {
        @Bean
        @Primary
        NotificationPort both() {
            return notification -> { };
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class OrderedExtensions {
        final List<String> customized = new CopyOnWriteArrayList<>();
        final List<String> heard = new CopyOnWriteArrayList<>();
        volatile boolean bookAnywhere;

        // Declared in the opposite of their order, so that declaration order would fail the test.

        @Bean
        @Order(2)
        BookingRule secondRule() {
            return (check, report) -> {
                if (!bookAnywhere) {
                    report.accept(Violation.of("second-rule"));
                }
            };
        }

        @Bean
        @Order(1)
        BookingRule firstRule() {
            return (check, report) -> {
                if (!bookAnywhere) {
                    report.accept(Violation.of("first-rule"));
                }
            };
        }

        @Bean
        @Order(2)
        ChangeRule secondChangeRule() {
            return (check, report) -> report.accept(Violation.of("second-change-rule"));
        }

        @Bean
        @Order(1)
        ChangeRule firstChangeRule() {
            return (check, report) -> report.accept(Violation.of("first-change-rule"));
        }

        @Bean
        @Order(2)
        BookingListener secondListener() {
            return event -> heard.add("second");
        }

        @Bean
        @Order(1)
        BookingListener firstListener() {
            return event -> heard.add("first");
        }

        @Bean
        @Order(2)
        BookingEngineCustomizer secondCustomizer() {
            return builder -> {
                customized.add("second");
                AtomicInteger next = new AtomicInteger();
                builder.ids(() -> "second-" + next.incrementAndGet());
            };
        }

        @Bean
        @Order(1)
        BookingEngineCustomizer firstCustomizer() {
            return builder -> {
                customized.add("first");
                builder.ids(() -> "first-" + UUID.randomUUID());
            };
        }
    }

    /** An H2 database with the bookingkit tables, made by Flyway from the shipped scripts. */
    @Configuration(proxyBeanMethods = false)
    static class MigratedH2 {
        @Bean
        DataSource dataSource() {
            DataSource dataSource = Fixtures.h2();
            Flyway.configure().dataSource(dataSource).locations(BOOKINGKIT_H2_SCRIPTS).load().migrate();
            return dataSource;
        }
    }

    /** The application's Flyway, with its own migrations only. */
    @Configuration(proxyBeanMethods = false)
    static class FlywayBean {
        @Bean
        Flyway flyway(DataSource dataSource) {
            Flyway flyway = Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load();
            flyway.migrate();
            return flyway;
        }
    }

    /** The application's Flyway, pointed at the bookingkit scripts as the startup failure says. */
    @Configuration(proxyBeanMethods = false)
    static class FlywayWithTheBookingkitScripts {
        @Bean
        Flyway flyway(DataSource dataSource) {
            Flyway flyway = Flyway.configure().dataSource(dataSource).locations(BOOKINGKIT_H2_SCRIPTS).load();
            flyway.migrate();
            return flyway;
        }
    }

    /** The application's Liquibase, configured but not run: its presence decides. */
    @Configuration(proxyBeanMethods = false)
    static class LiquibaseBean {
        @Bean
        SpringLiquibase liquibase(DataSource dataSource) {
            SpringLiquibase liquibase = new SpringLiquibase();
            liquibase.setDataSource(dataSource);
            liquibase.setChangeLog("classpath:db/changelog/bookingkit.yaml");
            liquibase.setShouldRun(false);
            return liquibase;
        }
    }

    /** The application's Liquibase, running a changelog of the bookingkit scripts. */
    @Configuration(proxyBeanMethods = false)
    static class LiquibaseWithTheBookingkitScripts {
        @Bean
        SpringLiquibase liquibase(DataSource dataSource) {
            SpringLiquibase liquibase = new SpringLiquibase();
            liquibase.setDataSource(dataSource);
            liquibase.setChangeLog("classpath:db/changelog/bookingkit.yaml");
            return liquibase;
        }
    }

    /** A data source wrapper that Spring does not know, which says what it wraps, and unwraps it or not. */
    static final class ForeignWrapper implements DataSource {
        private final DataSource target;
        private final boolean unwraps;

        ForeignWrapper(DataSource target, boolean unwraps) {
            this.target = target;
            this.unwraps = unwraps;
        }

        @Override
        public Connection getConnection() throws SQLException {
            return target.getConnection();
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            return target.getConnection(username, password);
        }

        @Override
        public PrintWriter getLogWriter() throws SQLException {
            return target.getLogWriter();
        }

        @Override
        public void setLogWriter(PrintWriter out) throws SQLException {
            target.setLogWriter(out);
        }

        @Override
        public void setLoginTimeout(int seconds) throws SQLException {
            target.setLoginTimeout(seconds);
        }

        @Override
        public int getLoginTimeout() throws SQLException {
            return target.getLoginTimeout();
        }

        @Override
        public Logger getParentLogger() throws SQLFeatureNotSupportedException {
            return target.getParentLogger();
        }

        @Override
        public <T> T unwrap(Class<T> iface) throws SQLException {
            if (!unwraps) {
                throw new SQLException("not unwrapping " + iface.getName());
            }
            return iface.isInstance(target) ? iface.cast(target) : target.unwrap(iface);
        }

        @Override
        public boolean isWrapperFor(Class<?> iface) throws SQLException {
            return iface.isInstance(target) || target.isWrapperFor(iface);
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class TransactionAwareDataSource {
        @Bean
        DataSource dataSource() {
            return new TransactionAwareDataSourceProxy(Fixtures.h2());
        }
    }
}
