package io.bookingkit.feed;

import io.bookingkit.booking.Booking;
import io.bookingkit.internal.Require;
import io.bookingkit.resource.Resource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.threeten.extra.Interval;

/** Which changes of availability a write makes: the one place that decides it. */
public final class Changes {

    private Changes() {
    }

    /**
     * The changes that storing {@code after} makes, {@code before} being the stored copy it
     * replaces: one per resource it uses, for its occupied time; a move also changes the time it
     * left, on the resources it left.
     *
     * @param before the stored booking it replaces; empty for a new booking
     * @param after  the booking as stored
     * @return the changes, at {@code after}'s update time
     */
    public static List<Change> of(Optional<Booking> before, Booking after) {
        Require.nonNull(before, "before");
        Require.nonNull(after, "after");
        List<Change> changes = new ArrayList<>();
        if (before.isEmpty()) {
            add(changes, after, after, ChangeKind.CREATED);
            return changes;
        }
        Booking old = before.get();
        if (!old.occupied().equals(after.occupied()) || !old.resourceIds().equals(after.resourceIds())) {
            add(changes, old, after, ChangeKind.RESCHEDULED);
            add(changes, after, after, ChangeKind.RESCHEDULED);
        } else {
            add(changes, after, after, old.status() == after.status() ? ChangeKind.UPDATED : ChangeKind.STATUS_CHANGED);
        }
        return changes;
    }

    /**
     * The change that storing {@code resource} makes: all its time may be offered differently.
     *
     * @param resource the resource as stored
     * @param at       when it is stored
     * @return the change
     */
    public static Change ofResource(Resource resource, Instant at) {
        Require.nonNull(resource, "resource");
        return new Change(resource.tenantId(), resource.id(), Interval.ALL, ChangeKind.RESOURCE_CHANGED,
                Optional.empty(), Optional.empty(), Require.nonNull(at, "at"));
    }

    private static void add(List<Change> changes, Booking where, Booking after, ChangeKind kind) {
        for (String resourceId : where.resourceIds()) {
            changes.add(new Change(after.tenantId(), resourceId, where.occupied(), kind, Optional.of(after.id()),
                    Optional.of(after.status()), after.updatedAt()));
        }
    }
}
