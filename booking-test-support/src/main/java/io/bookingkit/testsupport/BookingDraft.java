package io.bookingkit.testsupport;

import static io.bookingkit.testsupport.ContractData.TENANT;
import static io.bookingkit.testsupport.ContractData.between;

import io.bookingkit.booking.Actor;
import io.bookingkit.booking.Booking;
import io.bookingkit.booking.BookingStatus;
import io.bookingkit.booking.SeriesLink;
import io.bookingkit.booking.Transition;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.threeten.extra.Interval;

/**
 * Collects a booking for the contract ({@link ContractData#booking}); every component has a
 * plain default: tenant {@link ContractData#TENANT}, room-1, customer cust-1, template consult,
 * 10:00-11:00 on the contract's Wednesday without buffers, one seat, confirmed. Not thread-safe.
 */
public final class BookingDraft {
    private final String id;
    private String tenantId = TENANT;
    private List<String> resourceIds = List.of("room-1");
    private String customerId = "cust-1";
    private String templateName = "consult";
    private Interval interval = between("10:00:00", "11:00:00");
    private Duration bufferBefore = Duration.ZERO;
    private Duration bufferAfter = Duration.ZERO;
    private int partySize = 1;
    private BookingStatus status = BookingStatus.CONFIRMED;
    private SeriesLink series;
    private String idempotencyKey;
    private String requestHash = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
    private Locale locale = Locale.ENGLISH;
    private Instant createdAt = Instant.parse("2031-03-01T09:00:00.000001Z");
    private Instant expiresAt;
    private boolean forced;
    private String waitlistEntryId;
    private List<Transition> history;

    BookingDraft(String id) {
        this.id = id;
    }

    /**
     * The tenant; {@link ContractData#TENANT} by default.
     *
     * @param tenantId the booking's tenant
     * @return this draft
     */
    public BookingDraft tenant(String tenantId) {
        this.tenantId = tenantId;
        return this;
    }

    /**
     * The resources, in their order; room-1 by default.
     *
     * @param resourceIds at least one resource id, none twice
     * @return this draft
     */
    public BookingDraft resources(String... resourceIds) {
        this.resourceIds = List.of(resourceIds);
        return this;
    }

    /**
     * The customer; cust-1 by default. The default history's transition is made by this customer.
     *
     * @param customerId who the booking is for
     * @return this draft
     */
    public BookingDraft customer(String customerId) {
        this.customerId = customerId;
        return this;
    }

    /**
     * The service template's name; consult by default.
     *
     * @param templateName the template it is booked under
     * @return this draft
     */
    public BookingDraft template(String templateName) {
        this.templateName = templateName;
        return this;
    }

    /**
     * The customer's time, as {@link ContractData#between}.
     *
     * @param start the start, as for {@link ContractData#at}
     * @param end   the end, as for {@link ContractData#at}
     * @return this draft
     */
    public BookingDraft time(String start, String end) {
        this.interval = between(start, end);
        return this;
    }

    /**
     * The customer's time; 10:00-11:00 on the contract's Wednesday by default.
     *
     * @param interval bounded and not empty
     * @return this draft
     */
    public BookingDraft interval(Interval interval) {
        this.interval = interval;
        return this;
    }

    /**
     * The buffers that widen the customer's time into the occupied time; none by default.
     *
     * @param before time blocked before the start, not negative
     * @param after  time blocked after the end, not negative
     * @return this draft
     */
    public BookingDraft buffers(Duration before, Duration after) {
        this.bufferBefore = before;
        this.bufferAfter = after;
        return this;
    }

    /**
     * The seats the booking uses on each resource; 1 by default.
     *
     * @param partySize positive
     * @return this draft
     */
    public BookingDraft party(int partySize) {
        this.partySize = partySize;
        return this;
    }

    /**
     * The status; {@code CONFIRMED} by default. A {@code HELD} or {@code PENDING} booking that
     * should expire also needs {@link #expiresAt}.
     *
     * @param status where the booking stands
     * @return this draft
     */
    public BookingDraft status(BookingStatus status) {
        this.status = status;
        return this;
    }

    /**
     * Place {@code index} of series {@code seriesId}, without the series' pattern; none by default.
     *
     * @param seriesId the series' id
     * @param index    the booking's place in it, from 0
     * @return this draft
     */
    public BookingDraft series(String seriesId, int index) {
        this.series = new SeriesLink(seriesId, index);
        return this;
    }

    /**
     * Place {@code index} of series {@code seriesId}, booked by {@code pattern}.
     *
     * @param seriesId the series' id
     * @param index    the booking's place in it, from 0
     * @param pattern  the rule the series was booked by
     * @return this draft
     */
    public BookingDraft series(String seriesId, int index, SeriesLink.Pattern pattern) {
        this.series = new SeriesLink(seriesId, index, Optional.of(pattern));
        return this;
    }

    /**
     * The idempotency key of the request that created the booking; none by default.
     *
     * @param idempotencyKey the client's key
     * @return this draft
     */
    public BookingDraft key(String idempotencyKey) {
        this.idempotencyKey = idempotencyKey;
        return this;
    }

    /**
     * The digest of the creating request; a fixed SHA-256 hex digest by default.
     *
     * @param requestHash any text the store keeps as it is
     * @return this draft
     */
    public BookingDraft requestHash(String requestHash) {
        this.requestHash = requestHash;
        return this;
    }

    /**
     * The language of the booking's notifications; English by default.
     *
     * @param locale the language and region, such as {@code es-AR}
     * @return this draft
     */
    public BookingDraft locale(Locale locale) {
        this.locale = locale;
        return this;
    }

    /**
     * When the booking was created, which is also when it last changed; 2031-03-01T09:00:00.000001Z
     * by default.
     *
     * @param createdAt whole microseconds, like every instant of the contract
     * @return this draft
     */
    public BookingDraft createdAt(Instant createdAt) {
        this.createdAt = createdAt;
        return this;
    }

    /**
     * When a hold or pending booking stops blocking time; none by default.
     *
     * @param expiresAt the expiry, or null for none
     * @return this draft
     */
    public BookingDraft expiresAt(Instant expiresAt) {
        this.expiresAt = expiresAt;
        return this;
    }

    /**
     * Whether an administrator booked it over a conflict on purpose; false by default.
     *
     * @param forced true for a forced booking
     * @return this draft
     */
    public BookingDraft forced(boolean forced) {
        this.forced = forced;
        return this;
    }

    /**
     * The waitlist entry this booking is an offer to.
     *
     * @param entryId the entry's id
     * @return this draft
     */
    public BookingDraft waitlistEntry(String entryId) {
        this.waitlistEntryId = entryId;
        return this;
    }

    /**
     * The transitions, oldest first, instead of the default one creating transition by the
     * customer.
     *
     * @param history the transitions
     * @return this draft
     */
    public BookingDraft history(Transition... history) {
        this.history = List.of(history);
        return this;
    }

    /**
     * The booking at version 0; without a history, one creating transition by the customer.
     *
     * @return a new booking
     * @throws io.bookingkit.error.InvalidRequestException if the components break a rule of
     *                                                     {@link Booking}
     */
    public Booking build() {
        List<Transition> h = history != null ? history
                : List.of(new Transition(Optional.empty(), status, Actor.customer(tenantId, customerId), createdAt, ""));
        Interval occupied = Interval.of(interval.getStart().minus(bufferBefore), interval.getEnd().plus(bufferAfter));
        return Booking.builder()
                .id(id)
                .tenantId(tenantId)
                .resourceIds(resourceIds)
                .customerId(customerId)
                .templateName(templateName)
                .interval(interval)
                .occupied(occupied)
                .partySize(partySize)
                .status(status)
                .series(Optional.ofNullable(series))
                .idempotencyKey(Optional.ofNullable(idempotencyKey))
                .requestHash(requestHash)
                .locale(locale)
                .createdAt(createdAt)
                .updatedAt(createdAt)
                .expiresAt(Optional.ofNullable(expiresAt))
                .forced(forced)
                .waitlistEntryId(Optional.ofNullable(waitlistEntryId))
                .history(h)
                .build();
    }
}
