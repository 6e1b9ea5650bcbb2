package io.bookingkit.spring;

import static io.bookingkit.spring.Fixtures.MONDAY_8;
import static io.bookingkit.spring.Fixtures.book;
import static io.bookingkit.spring.Fixtures.openShop;
import static org.assertj.core.api.Assertions.assertThat;

import io.bookingkit.BookingEngine;
import io.bookingkit.memory.InMemoryBookingStore;
import io.bookingkit.micrometer.BookingMetrics;
import io.bookingkit.micrometer.OutboxMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The engine's meters: made when the application has a registry, and the engine reports to them. */
class MetricsConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(BookingJdbcAutoConfiguration.class, BookingAutoConfiguration.class,
                    BookingSchedulingAutoConfiguration.class, BookingMetricsAutoConfiguration.class))
            .withUserConfiguration(ShopWithoutDatabase.class)
            .withPropertyValues("bookingkit.verticals=barber", "bookingkit.maintenance.enabled=false",
                    "bookingkit.notifications.dispatch.enabled=false");

    @Test
    void withARegistryTheEngineCountsItsBookingsThere() {
        runner.withUserConfiguration(Registry.class).run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(BookingMetrics.class).hasSingleBean(OutboxMetrics.class);
            BookingEngine engine = context.getBean(BookingEngine.class);
            openShop(engine);
            book(engine, "barber", MONDAY_8.plusSeconds(2 * 86_400), "ana");

            MeterRegistry registry = context.getBean(MeterRegistry.class);
            assertThat(registry.get(BookingMetrics.WRITES).tag("operation", "book").tag("result", "done").timer()
                    .count()).isEqualTo(1);
            context.getBean(OutboxMetrics.class).bindTo(registry);
            assertThat(registry.get(OutboxMetrics.DUE).gauge().value()).isZero();
        });
    }

    @Test
    void withoutARegistryOrWithoutMicrometerThereAreNoMeters() {
        runner.run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(BookingMetrics.class)
                .doesNotHaveBean(OutboxMetrics.class));
        runner.withUserConfiguration(Registry.class).withClassLoader(new FilteredClassLoader(BookingMetrics.class))
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(BookingMetrics.class));
    }

    @Test
    void theApplicationsOwnMetersTakeThePlaceOfTheStarters() {
        runner.withUserConfiguration(Registry.class, OwnMetrics.class).run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(BookingMetrics.class);
            assertThat(context.getBean(BookingMetrics.class)).isSameAs(context.getBean("ownMetrics"));
        });
    }

    @Configuration(proxyBeanMethods = false)
    static class ShopWithoutDatabase {
        @Bean
        InMemoryBookingStore store() {
            return new InMemoryBookingStore();
        }

        @Bean
        Clock clock() {
            return Clock.fixed(MONDAY_8, ZoneOffset.UTC);
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class Registry {
        @Bean
        MeterRegistry registry() {
            return new SimpleMeterRegistry();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnMetrics {
        @Bean
        BookingMetrics ownMetrics(MeterRegistry registry) {
            return new BookingMetrics(registry);
        }
    }
}
