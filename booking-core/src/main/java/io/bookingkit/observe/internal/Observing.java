package io.bookingkit.observe.internal;

import io.bookingkit.booking.Booking;
import io.bookingkit.error.BookingException;
import io.bookingkit.error.StorageException;
import io.bookingkit.internal.Require;
import io.bookingkit.observe.EngineObserver;
import io.bookingkit.observe.UnitTiming;
import io.bookingkit.observe.WriteOutcome;
import io.bookingkit.policy.PolicyViolationException;
import io.bookingkit.policy.SlotUnavailableException;
import io.bookingkit.policy.Violation;
import io.bookingkit.spi.DuplicateBookingException;
import io.bookingkit.spi.UnitOfWork;
import io.bookingkit.spi.UnitProbe;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's side of its {@link EngineObserver}s: times writes and units of work on the JVM's
 * monotonic clock (the engine's own clock may stand still), classifies how a write ended, and
 * keeps an observer's failure from reaching the caller or the other observers. Thread-safe when
 * the observers are.
 */
public final class Observing {

    private static final Logger LOG = LoggerFactory.getLogger(Observing.class);

    /** Runs a unit's work in the store, telling the probe of retries. */
    @FunctionalInterface
    public interface UnitRun<T> {
        /**
         * Runs the unit.
         *
         * @param work  what the unit does, once the store holds its locks
         * @param probe what the store tells of its retries
         * @return what the work returned
         */
        T run(Function<UnitOfWork, T> work, UnitProbe probe);
    }

    private final List<EngineObserver> observers;

    public Observing(List<EngineObserver> observers) {
        this.observers = List.copyOf(Require.elements(observers, "observers"));
    }

    /**
     * Runs a write and tells the observer how it ended. {@code call} sets the flag it is given
     * when it returned the booking an earlier request with the same idempotency key made.
     */
    public Booking write(WriteOutcome.Operation operation, Function<AtomicBoolean, Booking> call) {
        if (observers.isEmpty()) {
            // Most engines have no observer: their writes pay for no timing and no outcome.
            return call.apply(new AtomicBoolean());
        }
        long started = System.nanoTime();
        AtomicBoolean replayed = new AtomicBoolean();
        Booking booking;
        try {
            booking = call.apply(replayed);
        } catch (RuntimeException e) {
            WriteOutcome.Result result = isRefusal(e) ? WriteOutcome.Result.REFUSED : WriteOutcome.Result.FAILED;
            List<String> codes = result == WriteOutcome.Result.REFUSED ? codesOf(e) : List.of();
            tell(new WriteOutcome(operation, result, Optional.empty(), codes, since(started)));
            throw e;
        }
        tell(new WriteOutcome(operation, replayed.get() ? WriteOutcome.Result.REPLAYED : WriteOutcome.Result.DONE,
                Optional.of(booking.status()), List.of(), since(started)));
        return booking;
    }

    /** Runs a unit of work and tells the observer its retries and its timing. */
    public <T> T unit(UnitRun<T> run, Function<UnitOfWork, T> work) {
        if (observers.isEmpty()) {
            return run.run(work, UnitProbe.NONE);
        }
        Attempts attempts = new Attempts(System.nanoTime());
        boolean committed = false;
        try {
            T result = run.run(unit -> {
                attempts.locked();
                return work.apply(unit);
            }, cause -> {
                attempts.retrying();
                retried(cause);
            });
            committed = true;
            return result;
        } finally {
            long end = System.nanoTime();
            // A unit that never got its locks (a lock timeout, a deadlock in the lock step)
            // waited until it gave up.
            attempts.stopWaiting(end);
            long total = end - attempts.asked;
            tellUnit(new UnitTiming(Duration.ofNanos(Math.min(attempts.waited, total)), Duration.ofNanos(total),
                    committed));
        }
    }

    /** Tells the observers that a unit is run again, for {@code cause}. */
    public void retried(String cause) {
        tellEach(o -> o.unitRetried(cause), "a retry (" + cause + ")");
    }

    private void tell(WriteOutcome outcome) {
        tellEach(o -> o.writeFinished(outcome), outcome);
    }

    private void tellUnit(UnitTiming timing) {
        tellEach(o -> o.unitFinished(timing), timing);
    }

    private void tellEach(Consumer<EngineObserver> call, Object what) {
        for (EngineObserver observer : observers) {
            try {
                call.accept(observer);
            } catch (RuntimeException e) {
                LOG.warn("Observer {} failed on {}", observer, what, e);
            }
        }
    }

    /**
     * A decision the engine made, as opposed to a failure: storage errors, and a duplicate id
     * from the id supplier, are failures.
     */
    private static boolean isRefusal(RuntimeException e) {
        return e instanceof BookingException && !(e instanceof StorageException)
                && !(e instanceof DuplicateBookingException);
    }

    private static List<String> codesOf(RuntimeException e) {
        if (e instanceof PolicyViolationException policy) {
            return policy.codes();
        }
        if (e instanceof SlotUnavailableException taken) {
            return taken.violations().stream().map(Violation::code).toList();
        }
        return List.of();
    }

    private static Duration since(long started) {
        return Duration.ofNanos(System.nanoTime() - started);
    }

    /**
     * The lock wait over a unit's attempts: each waits from its start (the request, or the
     * store's retry) until the work begins under the locks, or until the attempt failed without
     * them. An attempt the store started without telling adds nothing, rather than counting the
     * previous attempt's work as waiting.
     */
    private static final class Attempts {
        final long asked;
        long waitingSince;
        // System.nanoTime() may be negative: no value of waitingSince can mean "not waiting".
        boolean waiting = true;
        long waited;

        Attempts(long asked) {
            this.asked = asked;
            this.waitingSince = asked;
        }

        void locked() {
            stopWaiting(System.nanoTime());
        }

        void retrying() {
            long now = System.nanoTime();
            stopWaiting(now);
            waitingSince = now;
            waiting = true;
        }

        void stopWaiting(long now) {
            if (waiting) {
                waited += now - waitingSince;
                waiting = false;
            }
        }
    }
}
