/**
 * The contract tests every {@code BookingStore} must pass, and the fixtures they use.
 */
module io.bookingkit.testsupport {
    requires transitive io.bookingkit.core;
    requires transitive org.junit.jupiter.api;
    requires org.slf4j;

    exports io.bookingkit.testsupport;

    // JUnit discovers and invokes the contract's test methods reflectively.
    opens io.bookingkit.testsupport to org.junit.platform.commons;
}
