package io.bookingkit.waitlist;

import io.bookingkit.error.InvalidRequestException;
import io.bookingkit.internal.Ids;
import io.bookingkit.internal.Require;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.threeten.extra.Interval;

/**
 * One customer's place in the queue for a session: a template at one time on a resource, or on
 * any one of a pool's resources. Entries that compete for a resource are served in order of
 * {@code sequence} (first come, first served). Immutable; a change makes a copy one version
 * later.
 *
 * @param id           unique within the tenant
 * @param tenantId     the tenant
 * @param customerId   who waits
 * @param templateName the service
 * @param resourceIds  the resource, or the pool any one of whose resources will do
 * @param interval     the customer's time, as the booking would have it
 * @param partySize    seats wanted on one resource
 * @param status       where it stands
 * @param sequence     its place in the order of joining, among every entry it competes with
 * @param offerId      the {@code HELD} booking offered to it, once there is one
 * @param locale       the language of its notifications
 * @param joinedAt     when the customer joined
 * @param updatedAt    when it last changed
 * @param version      increases by one with every stored change
 */
public record WaitlistEntry(String id, String tenantId, String customerId, String templateName,
                            List<String> resourceIds, Interval interval, int partySize, WaitlistStatus status,
                            long sequence, Optional<String> offerId, Locale locale, Instant joinedAt,
                            Instant updatedAt, long version) {

    /**
     * Validates the components.
     *
     * @param id           unique within the tenant
     * @param tenantId     the tenant
     * @param customerId   who waits
     * @param templateName the service
     * @param resourceIds  the resource, or the pool any one of whose resources will do
     * @param interval     the customer's time, as the booking would have it
     * @param partySize    seats wanted on one resource
     * @param status       where it stands
     * @param sequence     its place in the order of joining, among every entry it competes with
     * @param offerId      the {@code HELD} booking offered to it, once there is one
     * @param locale       the language of its notifications
     * @param joinedAt     when the customer joined
     * @param updatedAt    when it last changed
     * @param version      increases by one with every stored change
     * @throws InvalidRequestException if an id is not a valid id, no resource or one twice is
     *                                 named, the interval is unbounded or empty, the party size is
     *                                 not positive, an {@code OFFERED} entry names no offer, or the
     *                                 version is negative
     */
    public WaitlistEntry {
        Ids.require(id, "id");
        Ids.require(tenantId, "tenantId");
        Ids.require(customerId, "customerId");
        Ids.require(templateName, "templateName");
        resourceIds = Ids.requireDistinct(resourceIds, "resourceIds");
        Require.boundedNonEmpty(interval, "interval");
        Require.positive(partySize, "partySize");
        Require.nonNull(status, "status");
        Require.nonNull(offerId, "offerId");
        offerId.ifPresent(o -> Ids.require(o, "offerId"));
        if (status == WaitlistStatus.OFFERED && offerId.isEmpty()) {
            throw new InvalidRequestException("An OFFERED entry must name its offer");
        }
        Require.nonNull(locale, "locale");
        Require.nonNull(joinedAt, "joinedAt");
        Require.nonNull(updatedAt, "updatedAt");
        if (version < 0) {
            throw new InvalidRequestException("version must not be negative, but was " + version);
        }
    }

    /**
     * The session's start.
     *
     * @return the start of {@link #interval()}
     */
    public Instant start() {
        return interval.getStart();
    }

    /**
     * Whether the entry waits for the session of {@code templateName} starting at {@code start}.
     *
     * @param templateName the session's template
     * @param start        the session's start
     * @return true if the entry is of that template and starts then
     */
    public boolean isFor(String templateName, Instant start) {
        return this.templateName.equals(templateName) && start().equals(start);
    }

    /**
     * Whether the entry still waits for seats at {@code now}: waiting, and the session has not
     * started.
     *
     * @param now the instant asked about
     * @return true if it is {@code WAITING} and {@code now} is before its start
     */
    public boolean waitsAt(Instant now) {
        return status == WaitlistStatus.WAITING && now.isBefore(start());
    }

    /**
     * A copy in {@code to}, one version later; {@code offer} names the offer of an OFFERED entry.
     *
     * @param to    the new status
     * @param offer the offer's booking id; must be present for {@code OFFERED}
     * @param at    when it changes, the copy's {@code updatedAt}
     * @return the changed copy
     * @throws InvalidRequestException if {@code to} is {@code OFFERED} and {@code offer} is empty
     */
    public WaitlistEntry moved(WaitlistStatus to, Optional<String> offer, Instant at) {
        return new WaitlistEntry(id, tenantId, customerId, templateName, resourceIds, interval, partySize, to,
                sequence, offer, locale, joinedAt, at, version + 1);
    }
}
