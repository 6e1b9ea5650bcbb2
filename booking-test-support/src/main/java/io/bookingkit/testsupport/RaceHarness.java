package io.bookingkit.testsupport;

import static io.bookingkit.testsupport.ContractData.DEADLOCK_TIMEOUT;
import static io.bookingkit.testsupport.ContractData.NOW;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bookingkit.BookingEngine;
import io.bookingkit.booking.Booking;
import io.bookingkit.spi.BookingStore;
import io.bookingkit.template.ServiceTemplate;
import io.bookingkit.template.TemplateCatalog;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntFunction;
import java.util.stream.Collectors;

/**
 * Runs tasks on many threads at once and sorts out what they returned. Nothing depends on
 * timing: threads are released together by a latch, and every wait has a generous timeout
 * ({@link ContractData#DEADLOCK_TIMEOUT}) that only a deadlock reaches.
 */
public final class RaceHarness {

    private RaceHarness() {
    }

    /**
     * Runs {@code task} on {@code threads} threads released together by a latch. Returns, per
     * thread in order, what the task returned or the runtime exception it threw. Fails if a
     * thread has not finished within {@link ContractData#DEADLOCK_TIMEOUT}.
     *
     * @param threads how many threads, positive
     * @param task    what each thread runs, given the thread's index from 0
     * @return one outcome per thread, in index order
     * @throws InterruptedException if the calling thread is interrupted while it waits
     */
    public static List<Object> race(int threads, IntFunction<Object> task) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch ready = new CountDownLatch(threads);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Object>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                int index = i;
                Callable<Object> call = () -> {
                    ready.countDown();
                    go.await();
                    try {
                        return task.apply(index);
                    } catch (RuntimeException e) {
                        return e;
                    }
                };
                futures.add(pool.submit(call));
            }
            assertTrue(ready.await(DEADLOCK_TIMEOUT.toSeconds(), TimeUnit.SECONDS), "threads did not start");
            go.countDown();
            long deadline = System.nanoTime() + DEADLOCK_TIMEOUT.toNanos();
            List<Object> outcomes = new ArrayList<>();
            for (Future<Object> f : futures) {
                try {
                    outcomes.add(f.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
                } catch (TimeoutException e) {
                    throw new AssertionError("a racing thread did not finish within " + DEADLOCK_TIMEOUT
                            + ": deadlock?", e);
                } catch (ExecutionException e) {
                    throw new AssertionError("a racing thread failed", e.getCause());
                }
            }
            return outcomes;
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Runs {@code task} on a thread of its own and returns its result: a lock that the calling
     * thread could take again (locks are often reentrant) must be free for another thread. Fails
     * if the task does not finish within {@link ContractData#DEADLOCK_TIMEOUT}.
     *
     * @param <T>  the task's result
     * @param task what to run
     * @return what the task returned
     * @throws InterruptedException if the calling thread is interrupted while it waits
     */
    public static <T> T onAnotherThread(Callable<T> task) throws InterruptedException {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            return pool.submit(task).get(DEADLOCK_TIMEOUT.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("the other thread did not finish within " + DEADLOCK_TIMEOUT
                    + ": is a lock still held?", e);
        } catch (ExecutionException e) {
            throw new AssertionError("the other thread failed", e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * An engine over {@code over} at the fixed instant {@link ContractData#NOW}, with the default
     * rules and one more that only yields the thread: it widens the gap between the read under
     * the lock and the write, so that a store that does not serialize writers is caught more
     * often. It reports nothing, so the outcome of a correct store does not depend on it.
     *
     * @param over      the store the engine works on
     * @param templates the templates it books with
     * @return a new engine
     */
    public static BookingEngine racingEngine(BookingStore over, ServiceTemplate... templates) {
        return BookingEngine.builder().store(over).clock(Clock.fixed(NOW, ZoneOffset.UTC))
                .rule((check, report) -> Thread.yield()).templates(TemplateCatalog.of(templates)).build();
    }

    /**
     * The bookings among {@code outcomes}, in their order.
     *
     * @param outcomes what {@link #race} returned
     * @return the outcomes that are bookings
     */
    public static List<Booking> successes(List<Object> outcomes) {
        return outcomes.stream().filter(Booking.class::isInstance).map(Booking.class::cast).toList();
    }

    /**
     * Fails unless every outcome is a booking or an {@code expected} refusal; the unexpected
     * exceptions are attached to the failure.
     *
     * @param outcomes what {@link #race} returned
     * @param expected the exception that a refused attempt may throw, subclasses included
     */
    public static void assertOnlyRefusals(List<Object> outcomes, Class<? extends Throwable> expected) {
        List<Object> unexpected = outcomes.stream()
                .filter(o -> !(o instanceof Booking) && !expected.isInstance(o)).toList();
        if (!unexpected.isEmpty()) {
            AssertionError error = new AssertionError("expected only bookings and " + expected.getSimpleName()
                    + ", but got " + unexpected.stream().map(String::valueOf).collect(Collectors.joining("; ")));
            unexpected.stream().filter(Throwable.class::isInstance).map(Throwable.class::cast)
                    .forEach(error::addSuppressed);
            throw error;
        }
    }
}
