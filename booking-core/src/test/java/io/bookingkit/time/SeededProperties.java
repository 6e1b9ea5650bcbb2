package io.bookingkit.time;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.quicktheories.QuickTheory;
import org.quicktheories.core.Guidance;
import org.quicktheories.impl.Precursor;

/**
 * Runs QuickTheories properties from one seed per test run, so that any run, failing or not,
 * can be replayed exactly, and checks that each property really tried enough examples.
 *
 * <p>Left alone, QuickTheories picks a fresh {@code System.nanoTime()} seed for every property
 * and names it only at the end of a failure message. Here one seed is chosen per JVM, printed
 * before each property, put first in the message of a failing one, and replayed with
 * {@code -Dbookingkit.seed=N} (or QuickTheories' own {@code -DQT_SEED=N}).
 *
 * <p>Use it as {@code @ExtendWith(SeededProperties.class)} and start each property with
 * {@link #theory()}.
 */
public final class SeededProperties implements BeforeEachCallback, AfterEachCallback, TestExecutionExceptionHandler {

    static final String SEED_PROPERTY = "bookingkit.seed";
    static final String EXAMPLES_PROPERTY = "bookingkit.examples";

    static final long SEED = chooseSeed();

    /** Distinct examples each property must run; raise it with -Dbookingkit.examples for a soak run. */
    static final int MIN_EXAMPLES = Math.max(1000, Integer.getInteger(EXAMPLES_PROPERTY, 1000));

    // QuickTheories' example count is how many values it generates; it silently skips any it
    // has generated before, a few percent with these generators. The slack covers them, and
    // afterEach checks that it did.
    private static final int GENERATED_EXAMPLES = MIN_EXAMPLES + MIN_EXAMPLES / 4;

    // One counter per theory() call in the running test. JUnit runs these tests one at a time
    // (no parallel execution is configured), so beforeEach can simply clear the list.
    private static final List<AtomicInteger> executedByTheory = new ArrayList<>();

    /** A QuickTheories runner on this run's seed that counts the examples it runs. */
    public static QuickTheory theory() {
        AtomicInteger executed = new AtomicInteger();
        synchronized (executedByTheory) {
            executedByTheory.add(executed);
        }
        return QuickTheory.qt()
                .withFixedSeed(SEED)
                .withExamples(GENERATED_EXAMPLES)
                .withGuidance(prng -> new CountingGuidance(executed));
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        synchronized (executedByTheory) {
            executedByTheory.clear();
        }
        System.out.printf("%s: seed %d (replay with -D%s=%d -Dtest='%s#%s')%n",
                context.getDisplayName(), SEED, SEED_PROPERTY, SEED,
                context.getRequiredTestClass().getSimpleName(), context.getRequiredTestMethod().getName());
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (context.getExecutionException().isPresent()) {
            return;
        }
        synchronized (executedByTheory) {
            for (AtomicInteger executed : executedByTheory) {
                System.out.printf("%s: %d distinct examples passed%n", context.getDisplayName(), executed.get());
                assertTrue(executed.get() >= MIN_EXAMPLES, () -> context.getDisplayName() + " ran only "
                        + executed.get() + " distinct examples of " + GENERATED_EXAMPLES + " generated, fewer than "
                        + MIN_EXAMPLES + "; its generators repeat themselves too often (seed " + SEED + ")");
            }
        }
    }

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        if (failure instanceof AssertionError) {
            // QuickTheories says "Seed was N" at the very end of a long message; say it first,
            // with the flag that replays it.
            AssertionError named = new AssertionError("Replay with -D" + SEED_PROPERTY + "=" + SEED
                    + System.lineSeparator() + failure.getMessage(), failure.getCause());
            named.setStackTrace(failure.getStackTrace());
            throw named;
        }
        throw failure;
    }

    private static long chooseSeed() {
        // QT_SEED is honoured too, because withFixedSeed would otherwise silently override it.
        String given = System.getProperty(SEED_PROPERTY, System.getProperty("QT_SEED"));
        if (given != null && !given.isBlank()) {
            return Long.parseLong(given.trim());
        }
        long seed;
        do {
            seed = new SplittableRandom().nextLong();
        } while (seed == 0); // QuickTheories would quietly run a zero seed as one.
        return seed;
    }

    /** QuickTheories' default guidance, which suggests nothing, plus a count of examples run. */
    private static final class CountingGuidance implements Guidance {
        private final AtomicInteger executed;

        CountingGuidance(AtomicInteger executed) {
            this.executed = executed;
        }

        @Override
        public void newExample(Precursor precursor) {
        }

        @Override
        public void exampleExecuted() {
            executed.incrementAndGet();
        }

        @Override
        public Collection<long[]> suggestValues(int execution, Precursor precursor) {
            return List.of();
        }

        @Override
        public void exampleComplete() {
        }
    }
}
