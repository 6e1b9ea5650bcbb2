package io.bookingkit.micrometer;

import io.bookingkit.BookingEngine;
import io.bookingkit.notify.OutboxBacklog;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gauges of how far notification delivery is behind, read from
 * {@link BookingEngine#outboxBacklog()}: {@value #DUE} (messages due and not delivered),
 * {@value #OLDEST_DUE_AGE} (how long the longest-waiting one has waited; zero when none) and
 * {@value #PARKED} (messages given up on). Bind it once the engine is built:
 * {@code new OutboxMetrics(engine).bindTo(registry)}.
 *
 * <p>The backlog is one read of the store, shared by the three gauges for {@code maxAge} (one
 * second by default), so a scrape reads the store once. A read that fails is logged and leaves
 * the gauges at {@code NaN} until the next one succeeds. Thread-safe.
 */
public final class OutboxMetrics implements MeterBinder {

    /** The gauge of due, undelivered messages. */
    public static final String DUE = "bookingkit.outbox.due";
    /** The time gauge of the longest wait among them. */
    public static final String OLDEST_DUE_AGE = "bookingkit.outbox.oldest.due.age";
    /** The gauge of parked messages. */
    public static final String PARKED = "bookingkit.outbox.parked";

    private static final Logger LOG = LoggerFactory.getLogger(OutboxMetrics.class);

    private final BookingEngine engine;
    private final long maxAgeNanos;
    private final Tags common;
    private OutboxBacklog last;
    private long readAt;
    private boolean failed;

    /**
     * Gauges over {@code engine}'s outbox, read at most once a second, without common tags.
     *
     * @param engine whose outbox is watched
     */
    public OutboxMetrics(BookingEngine engine) {
        this(engine, Duration.ofSeconds(1), Tags.empty());
    }

    /**
     * Gauges over {@code engine}'s outbox.
     *
     * @param engine     whose outbox is watched
     * @param maxAge     how long one read of the backlog serves the gauges; zero reads on every
     *                   gauge reading
     * @param commonTags added to every gauge
     * @throws IllegalArgumentException if {@code maxAge} is negative
     */
    public OutboxMetrics(BookingEngine engine, Duration maxAge, Iterable<Tag> commonTags) {
        this.engine = Objects.requireNonNull(engine, "engine must not be null");
        Objects.requireNonNull(maxAge, "maxAge must not be null");
        if (maxAge.isNegative()) {
            throw new IllegalArgumentException("maxAge must not be negative, but was " + maxAge);
        }
        this.maxAgeNanos = maxAge.toNanos();
        this.common = Tags.of(Objects.requireNonNull(commonTags, "commonTags must not be null"));
    }

    /** Registers the three gauges in {@code registry}. */
    @Override
    public void bindTo(MeterRegistry registry) {
        gauge(registry, DUE, "Outbox messages due and not delivered", OutboxBacklog::due);
        gauge(registry, PARKED, "Outbox messages given up on after their last attempt", OutboxBacklog::parked);
        TimeGauge.builder(OLDEST_DUE_AGE, this, TimeUnit.SECONDS,
                        m -> m.read(b -> b.oldestDueAge().toNanos() / 1e9))
                .description("How long the longest-waiting due outbox message has waited").tags(common)
                .strongReference(true).register(registry);
    }

    private void gauge(MeterRegistry registry, String name, String description, ToDoubleFunction<OutboxBacklog> value) {
        // Held strongly: an application that binds and drops its OutboxMetrics keeps its gauges.
        Gauge.builder(name, this, m -> m.read(value)).description(description).tags(common).strongReference(true)
                .register(registry);
    }

    private synchronized double read(ToDoubleFunction<OutboxBacklog> value) {
        long now = System.nanoTime();
        if ((last == null && !failed) || now - readAt >= maxAgeNanos) {
            readAt = now;
            try {
                last = engine.outboxBacklog();
                failed = false;
            } catch (RuntimeException e) {
                LOG.warn("Reading the outbox backlog for the gauges failed; they read NaN until a read succeeds", e);
                last = null;
                failed = true;
            }
        }
        return last == null ? Double.NaN : value.applyAsDouble(last);
    }
}
