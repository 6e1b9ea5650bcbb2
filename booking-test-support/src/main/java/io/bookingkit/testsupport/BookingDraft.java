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

    public BookingDraft tenant(String tenantId) {
        this.tenantId = tenantId;
        return this;
    }

    public BookingDraft resources(String... resourceIds) {
        this.resourceIds = List.of(resourceIds);
        return this;
    }

    public BookingDraft customer(String customerId) {
        this.customerId = customerId;
        return this;
    }

    public BookingDraft template(String templateName) {
        this.templateName = templateName;
        return this;
    }

    /** The customer's time, as {@link ContractData#between}. */
    public BookingDraft time(String start, String end) {
        this.interval = between(start, end);
        return this;
    }

    public BookingDraft interval(Interval interval) {
        this.interval = interval;
        return this;
    }

    public BookingDraft buffers(Duration before, Duration after) {
        this.bufferBefore = before;
        this.bufferAfter = after;
        return this;
    }

    public BookingDraft party(int partySize) {
        this.partySize = partySize;
        return this;
    }

    public BookingDraft status(BookingStatus status) {
        this.status = status;
        return this;
    }

    public BookingDraft series(String seriesId, int index) {
        this.series = new SeriesLink(seriesId, index);
        return this;
    }

    /** Place {@code index} of series {@code seriesId}, booked by {@code pattern}. */
    public BookingDraft series(String seriesId, int index, SeriesLink.Pattern pattern) {
        this.series = new SeriesLink(seriesId, index, Optional.of(pattern));
        return this;
    }

    public BookingDraft key(String idempotencyKey) {
        this.idempotencyKey = idempotencyKey;
        return this;
    }

    public BookingDraft requestHash(String requestHash) {
        this.requestHash = requestHash;
        return this;
    }

    public BookingDraft locale(Locale locale) {
        this.locale = locale;
        return this;
    }

    public BookingDraft createdAt(Instant createdAt) {
        this.createdAt = createdAt;
        return this;
    }

    public BookingDraft expiresAt(Instant expiresAt) {
        this.expiresAt = expiresAt;
        return this;
    }

    public BookingDraft forced(boolean forced) {
        this.forced = forced;
        return this;
    }

    /** The waitlist entry this booking is an offer to. */
    public BookingDraft waitlistEntry(String entryId) {
        this.waitlistEntryId = entryId;
        return this;
    }

    public BookingDraft history(Transition... history) {
        this.history = List.of(history);
        return this;
    }

    /** The booking at version 0; without a history, one creating transition by the customer. */
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
