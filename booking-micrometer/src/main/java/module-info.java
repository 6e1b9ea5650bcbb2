/**
 * Micrometer meters for bookingkit: {@link io.bookingkit.micrometer.BookingMetrics} observes the
 * engine, {@link io.bookingkit.micrometer.OutboxMetrics} watches the outbox.
 */
module io.bookingkit.micrometer {
    requires transitive io.bookingkit.core;
    requires transitive micrometer.core;
    requires org.slf4j;

    exports io.bookingkit.micrometer;
}
