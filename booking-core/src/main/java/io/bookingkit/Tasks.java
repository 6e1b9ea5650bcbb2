package io.bookingkit;

import io.bookingkit.booking.Booking;
import io.bookingkit.spi.ScheduledTask;
import io.bookingkit.template.ServiceTemplate;
import io.bookingkit.waitlist.WaitlistEntry;
import java.time.Instant;
import java.util.List;

/**
 * The engine's scheduled tasks and the notation of their subjects. A session's subject joins
 * its resource, template and start with newlines, which ids cannot contain.
 */
final class Tasks {

    private Tasks() {
    }

    static ScheduledTask expireBooking(Booking booking, Instant at) {
        return new ScheduledTask(booking.tenantId(), ScheduledTask.Kind.EXPIRE_BOOKING, booking.id(), at);
    }

    static ScheduledTask expireEntry(WaitlistEntry entry) {
        return new ScheduledTask(entry.tenantId(), ScheduledTask.Kind.EXPIRE_ENTRY, entry.id(), entry.start());
    }

    static ScheduledTask decideQuorum(String tenantId, String resourceId, ServiceTemplate template, Instant start) {
        return new ScheduledTask(tenantId, ScheduledTask.Kind.DECIDE_QUORUM, session(resourceId, template.name(), start),
                template.quorum().orElseThrow().decidedAt(start));
    }

    static String session(String resourceId, String templateName, Instant start) {
        return resourceId + "\n" + templateName + "\n" + start;
    }

    /** A session subject's resource, template and start. */
    record SessionKey(String resourceId, String templateName, Instant start) {
        static SessionKey parse(String subject) {
            List<String> parts = List.of(subject.split("\n", -1));
            if (parts.size() != 3) {
                throw new IllegalStateException("Not a session subject: '" + subject + "'");
            }
            return new SessionKey(parts.get(0), parts.get(1), Instant.parse(parts.get(2)));
        }
    }
}
