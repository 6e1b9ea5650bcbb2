package io.bookingkit.testsupport;

import static io.bookingkit.testsupport.ContractData.TENANT;
import static io.bookingkit.testsupport.ContractData.between;

import io.bookingkit.waitlist.WaitlistEntry;
import io.bookingkit.waitlist.WaitlistStatus;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.threeten.extra.Interval;

/**
 * Collects a waitlist entry for the contract ({@link ContractData#entry}); every component has a
 * plain default: tenant {@link ContractData#TENANT}, room-1, customer cust-1, template yoga,
 * 10:00-11:00 on the contract's Wednesday, one seat, waiting, sequence 1, no offer, English,
 * joined at a fixed instant, version 0. Not thread-safe.
 */
public final class WaitlistEntryDraft {
    private final String id;
    private String tenantId = TENANT;
    private List<String> resourceIds = List.of("room-1");
    private String customerId = "cust-1";
    private String templateName = "yoga";
    private Interval interval = between("10:00:00", "11:00:00");
    private int partySize = 1;
    private WaitlistStatus status = WaitlistStatus.WAITING;
    private long sequence = 1;
    private String offerId;
    private Locale locale = Locale.ENGLISH;
    private Instant joinedAt = Instant.parse("2031-03-01T09:00:00.000001Z");

    WaitlistEntryDraft(String id) {
        this.id = id;
    }

    public WaitlistEntryDraft tenant(String tenantId) {
        this.tenantId = tenantId;
        return this;
    }

    public WaitlistEntryDraft resources(String... resourceIds) {
        this.resourceIds = List.of(resourceIds);
        return this;
    }

    public WaitlistEntryDraft customer(String customerId) {
        this.customerId = customerId;
        return this;
    }

    public WaitlistEntryDraft template(String templateName) {
        this.templateName = templateName;
        return this;
    }

    /** The session's time, as {@link ContractData#between}. */
    public WaitlistEntryDraft time(String start, String end) {
        this.interval = between(start, end);
        return this;
    }

    public WaitlistEntryDraft interval(Interval interval) {
        this.interval = interval;
        return this;
    }

    public WaitlistEntryDraft party(int partySize) {
        this.partySize = partySize;
        return this;
    }

    /** The status; an {@code OFFERED} entry needs {@link #offer}. */
    public WaitlistEntryDraft status(WaitlistStatus status) {
        this.status = status;
        return this;
    }

    public WaitlistEntryDraft sequence(long sequence) {
        this.sequence = sequence;
        return this;
    }

    public WaitlistEntryDraft offer(String bookingId) {
        this.offerId = bookingId;
        return this;
    }

    public WaitlistEntryDraft locale(Locale locale) {
        this.locale = locale;
        return this;
    }

    public WaitlistEntryDraft joinedAt(Instant joinedAt) {
        this.joinedAt = joinedAt;
        return this;
    }

    /** The entry at version 0, last changed when it joined. */
    public WaitlistEntry build() {
        return new WaitlistEntry(id, tenantId, customerId, templateName, resourceIds, interval, partySize, status,
                sequence, Optional.ofNullable(offerId), locale, joinedAt, joinedAt, 0);
    }
}
