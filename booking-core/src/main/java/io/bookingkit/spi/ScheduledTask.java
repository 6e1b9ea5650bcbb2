package io.bookingkit.spi;

import io.bookingkit.error.InvalidRequestException;
import io.bookingkit.internal.Ids;
import io.bookingkit.internal.Require;
import java.time.Instant;

/**
 * A piece of time-driven work that a unit of work scheduled and a maintenance run does once it
 * is due: the store keeps it opaque, one per tenant, kind and subject.
 *
 * @param tenantId the tenant whose data the work changes
 * @param kind     what to do
 * @param subject  what to do it to, in the core's own notation for the kind (a booking id, an
 *                 entry id, a session); at most {@link #MAX_SUBJECT_LENGTH} characters
 * @param dueAt    not done before this instant
 */
public record ScheduledTask(String tenantId, Kind kind, String subject, Instant dueAt) {

    /** Long enough for a resource id, a template name and an instant. */
    public static final int MAX_SUBJECT_LENGTH = 400;

    /** What a task does. */
    public enum Kind {
        /** Marks a hold or pending booking past its expiry as expired, and passes its seats on. */
        EXPIRE_BOOKING,
        /** Marks a waitlist entry whose session started while it waited as expired. */
        EXPIRE_ENTRY,
        /** Decides a group session's quorum at its deadline: kept, or cancelled for everyone. */
        DECIDE_QUORUM
    }

    /**
     * Validates the components.
     *
     * @param tenantId the tenant whose data the work changes
     * @param kind     what to do
     * @param subject  what to do it to, in the core's own notation for the kind (a booking id, an
     *                 entry id, a session); at most {@link #MAX_SUBJECT_LENGTH} characters
     * @param dueAt    not done before this instant
     * @throws InvalidRequestException if the tenant id is not a valid id, or the subject is blank
     *                                 or longer than {@link #MAX_SUBJECT_LENGTH}
     */
    public ScheduledTask {
        Ids.require(tenantId, "tenantId");
        Require.nonNull(kind, "kind");
        Require.notBlank(subject, "subject");
        if (subject.length() > MAX_SUBJECT_LENGTH) {
            throw new InvalidRequestException("subject is " + subject.length() + " characters long; at most "
                    + MAX_SUBJECT_LENGTH + " are allowed");
        }
        Require.nonNull(dueAt, "dueAt");
    }
}
