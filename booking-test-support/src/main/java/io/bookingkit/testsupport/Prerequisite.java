package io.bookingkit.testsupport;

import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Assumptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Something a group of tests needs that a machine may lack (a browser, a database cluster): the
 * tests are skipped, saying why, where it is missing, and fail instead where an environment
 * variable says they must run, as CI sets it, so that they cannot silently stop running there.
 * Thread-safe.
 */
public final class Prerequisite {

    private static final Logger LOG = LoggerFactory.getLogger(Prerequisite.class);

    private final String tests;
    private final String requireVariable;
    private final String remedy;
    private final AtomicBoolean skipLogged = new AtomicBoolean();

    private Prerequisite(String tests, String requireVariable, String remedy) {
        this.tests = Objects.requireNonNull(tests, "tests");
        this.requireVariable = Objects.requireNonNull(requireVariable, "requireVariable");
        this.remedy = Objects.requireNonNull(remedy, "remedy");
    }

    /**
     * A prerequisite of some tests.
     *
     * @param tests           what the tests are, for messages: {@code "Browser tests"}
     * @param requireVariable the environment variable that, {@code 1} or {@code true}, makes its
     *                        absence a failure
     * @param remedy          what to do to run them: {@code "install chromium to run them"}
     * @return the prerequisite
     */
    public static Prerequisite of(String tests, String requireVariable, String remedy) {
        return new Prerequisite(tests, requireVariable, remedy);
    }

    /**
     * Returns when nothing is missing; otherwise aborts the calling test (JUnit reports it
     * skipped, with the reason, which is also logged once), or fails it where the environment
     * variable requires the tests.
     *
     * @param missing why the tests cannot run here; empty when they can
     * @throws AssertionError if something is missing and the tests are required
     */
    public void assume(Optional<String> missing) {
        if (Objects.requireNonNull(missing, "missing").isEmpty()) {
            return;
        }
        String require = System.getenv(requireVariable);
        if (require != null && (require.equals("1") || require.equalsIgnoreCase("true"))) {
            throw new AssertionError(tests + " must run under CI but cannot: " + missing.get());
        }
        String message = tests + " did not run: " + missing.get() + "; " + remedy + ", or set " + requireVariable
                + "=true to make this a failure";
        // Surefire's console shows only a count of skipped tests; the reason goes to the log too.
        if (skipLogged.compareAndSet(false, true)) {
            LOG.warn(message);
        }
        Assumptions.abort(message);
    }
}
