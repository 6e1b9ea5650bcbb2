/**
 * bookingkit's core: time, schedules, rules, slots, conflicts, the booking lifecycle, the
 * engine and the ports ({@code io.bookingkit.spi}) that stores and notification deliveries
 * implement. Packages named {@code internal} are not exported.
 */
module io.bookingkit.core {
    requires transitive org.threeten.extra;
    // Templates carry Bean Validation constraints that applications validate with their provider.
    requires transitive jakarta.validation;
    requires org.slf4j;

    exports io.bookingkit;
    exports io.bookingkit.analytics;
    exports io.bookingkit.booking;
    exports io.bookingkit.conflict;
    exports io.bookingkit.error;
    exports io.bookingkit.feed;
    exports io.bookingkit.ical;
    exports io.bookingkit.memory;
    exports io.bookingkit.notify;
    exports io.bookingkit.observe;
    exports io.bookingkit.policy;
    exports io.bookingkit.recurrence;
    exports io.bookingkit.resource;
    exports io.bookingkit.schedule;
    exports io.bookingkit.session;
    exports io.bookingkit.slot;
    exports io.bookingkit.spi;
    exports io.bookingkit.template;
    exports io.bookingkit.time;
    exports io.bookingkit.waitlist;

    // A Bean Validation provider reads the constraints on the templates' fields reflectively.
    opens io.bookingkit.template;
}
