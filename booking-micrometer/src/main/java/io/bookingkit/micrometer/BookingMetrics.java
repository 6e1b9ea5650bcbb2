package io.bookingkit.micrometer;

import io.bookingkit.observe.EngineObserver;
import io.bookingkit.observe.UnitTiming;
import io.bookingkit.observe.WriteOutcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.util.Locale;
import java.util.Objects;

/**
 * The engine's work as Micrometer meters. Register it with
 * {@code BookingEngine.builder().observer(new BookingMetrics(registry))}.
 *
 * <table>
 *   <caption>Meters</caption>
 *   <tr><th>name</th><th>type</th><th>tags</th><th>what</th></tr>
 *   <tr><td>{@value #WRITES}</td><td>timer</td><td>{@code operation} (book, hold, confirm, cancel,
 *       …), {@code result} (done, replayed, refused, failed), {@code status} (the booking's,
 *       lower case, or {@code none})</td><td>every write asked of the engine: bookings by outcome
 *       are {@code operation=book}</td></tr>
 *   <tr><td>{@value #REFUSALS}</td><td>counter</td><td>{@code operation}, {@code code} (such as
 *       {@code overlap}, {@code min-notice})</td><td>one per violation a refusal names</td></tr>
 *   <tr><td>{@value #UNIT_RETRIES}</td><td>counter</td><td>{@code cause} (a SQLSTATE such as
 *       {@code 40001}, or {@code waitlist-entry-changed})</td><td>units of work run again</td></tr>
 *   <tr><td>{@value #LOCK_WAIT}</td><td>timer</td><td></td><td>from asking for a unit until its
 *       locks were held</td></tr>
 *   <tr><td>{@value #UNIT_DURATION}</td><td>timer</td><td>{@code committed} (true,
 *       false)</td><td>whole units of work</td></tr>
 * </table>
 *
 * <p>Every meter carries the common tags given to the constructor as well. Tag values come from
 * closed sets (operations, results, statuses, rule codes, SQLSTATEs), so the number of series
 * stays small. Thread-safe.
 */
public final class BookingMetrics implements EngineObserver {

    /** The timer of writes by operation, result and status. */
    public static final String WRITES = "bookingkit.writes";
    /** The counter of refusals by operation and violation code. */
    public static final String REFUSALS = "bookingkit.refusals";
    /** The counter of unit-of-work retries by cause. */
    public static final String UNIT_RETRIES = "bookingkit.unit.retries";
    /** The timer of lock waits. */
    public static final String LOCK_WAIT = "bookingkit.unit.lock.wait";
    /** The timer of whole units of work, by whether they committed. */
    public static final String UNIT_DURATION = "bookingkit.unit.duration";

    private final MeterRegistry registry;
    private final Tags common;

    /**
     * Meters in {@code registry}, without common tags.
     *
     * @param registry where the meters are registered
     */
    public BookingMetrics(MeterRegistry registry) {
        this(registry, Tags.empty());
    }

    /**
     * Meters in {@code registry}, each with {@code commonTags} too (such as the application).
     *
     * @param registry   where the meters are registered
     * @param commonTags added to every meter
     */
    public BookingMetrics(MeterRegistry registry, Iterable<Tag> commonTags) {
        this.registry = Objects.requireNonNull(registry, "registry must not be null");
        this.common = Tags.of(Objects.requireNonNull(commonTags, "commonTags must not be null"));
    }

    /** Times the write under its operation, result and status, and counts each code it was refused for. */
    @Override
    public void writeFinished(WriteOutcome outcome) {
        String operation = outcome.operation().label();
        Timer.builder(WRITES).description("Writes asked of the booking engine")
                .tags(common).tag("operation", operation).tag("result", outcome.result().label())
                .tag("status", outcome.status().map(s -> s.name().toLowerCase(Locale.ROOT)).orElse("none"))
                .register(registry).record(outcome.elapsed());
        for (String code : outcome.violationCodes()) {
            Counter.builder(REFUSALS).description("Violations named by refused writes")
                    .tags(common).tag("operation", operation).tag("code", code)
                    .register(registry).increment();
        }
    }

    /** Counts the retry under its cause. */
    @Override
    public void unitRetried(String cause) {
        Counter.builder(UNIT_RETRIES).description("Units of work rolled back and run again")
                .tags(common).tag("cause", cause).register(registry).increment();
    }

    /** Records the unit's lock wait and duration. */
    @Override
    public void unitFinished(UnitTiming timing) {
        Timer.builder(LOCK_WAIT).description("Time from asking for a unit of work until its locks were held")
                .tags(common).register(registry).record(timing.lockWait());
        Timer.builder(UNIT_DURATION).description("Units of work, until commit or failure")
                .tags(common).tag("committed", String.valueOf(timing.committed()))
                .register(registry).record(timing.duration());
    }
}
