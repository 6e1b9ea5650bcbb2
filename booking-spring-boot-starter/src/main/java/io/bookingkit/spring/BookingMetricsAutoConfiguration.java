package io.bookingkit.spring;

import io.bookingkit.BookingEngine;
import io.bookingkit.micrometer.BookingMetrics;
import io.bookingkit.micrometer.OutboxMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.context.annotation.Bean;

/**
 * The engine's meters, when the application has Micrometer, a {@link MeterRegistry} and
 * {@code booking-micrometer} on its class path: a {@link BookingMetrics} observer, which the
 * engine of {@link BookingAutoConfiguration} takes like any {@link io.bookingkit.observe.EngineObserver}
 * bean, and {@link OutboxMetrics} gauges, which Spring Boot binds to its registries as it binds
 * every {@code MeterBinder} bean. Each is replaced by the application's own bean of its type.
 *
 * <p>Runs after Spring Boot's metrics auto-configuration, named for Boot 3
 * ({@code org.springframework.boot.actuate.autoconfigure.metrics}) and Boot 4
 * ({@code org.springframework.boot.micrometer.metrics.autoconfigure}), so that the registry it
 * makes is there to be found.
 */
@AutoConfiguration(after = BookingAutoConfiguration.class, afterName = {
        "org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration",
        "org.springframework.boot.actuate.autoconfigure.metrics.export.simple.SimpleMetricsExportAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration"})
@ConditionalOnClass({MeterRegistry.class, BookingMetrics.class})
@ConditionalOnBean(MeterRegistry.class)
public class BookingMetricsAutoConfiguration {

    /** Made by Spring. */
    public BookingMetricsAutoConfiguration() {
    }

    /**
     * The observer that turns the engine's writes and units of work into meters.
     *
     * @param registry the application's registry (its primary one, when it has several)
     * @return the observer, which the engine takes
     */
    @Bean
    @ConditionalOnMissingBean
    public BookingMetrics bookingMetrics(MeterRegistry registry) {
        return new BookingMetrics(registry);
    }

    /**
     * The outbox gauges of the one engine.
     *
     * @param engine whose outbox they read
     * @return the gauges, bound by Spring Boot to its registries
     */
    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnSingleCandidate(BookingEngine.class)
    public OutboxMetrics bookingOutboxMetrics(BookingEngine engine) {
        return new OutboxMetrics(engine);
    }
}
