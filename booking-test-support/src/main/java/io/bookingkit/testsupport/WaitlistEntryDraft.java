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

    /**
     * The tenant; {@link ContractData#TENANT} by default.
     *
     * @param tenantId the entry's tenant
     * @return this draft
     */
    public WaitlistEntryDraft tenant(String tenantId) {
        this.tenantId = tenantId;
        return this;
    }

    /**
     * The resources of the session waited for; room-1 by default.
     *
     * @param resourceIds at least one resource id, none twice
     * @return this draft
     */
    public WaitlistEntryDraft resources(String... resourceIds) {
        this.resourceIds = List.of(resourceIds);
        return this;
    }

    /**
     * The customer who waits; cust-1 by default.
     *
     * @param customerId the customer's id
     * @return this draft
     */
    public WaitlistEntryDraft customer(String customerId) {
        this.customerId = customerId;
        return this;
    }

    /**
     * The service template's name; yoga by default.
     *
     * @param templateName the template of the session
     * @return this draft
     */
    public WaitlistEntryDraft template(String templateName) {
        this.templateName = templateName;
        return this;
    }

    /**
     * The session's time, as {@link ContractData#between}.
     *
     * @param start the start, as for {@link ContractData#at}
     * @param end   the end, as for {@link ContractData#at}
     * @return this draft
     */
    public WaitlistEntryDraft time(String start, String end) {
        this.interval = between(start, end);
        return this;
    }

    /**
     * The session's time; 10:00-11:00 on the contract's Wednesday by default.
     *
     * @param interval bounded and not empty
     * @return this draft
     */
    public WaitlistEntryDraft interval(Interval interval) {
        this.interval = interval;
        return this;
    }

    /**
     * The seats the customer waits for; 1 by default.
     *
     * @param partySize positive
     * @return this draft
     */
    public WaitlistEntryDraft party(int partySize) {
        this.partySize = partySize;
        return this;
    }

    /**
     * The status; an {@code OFFERED} entry needs {@link #offer}.
     *
     * @param status where the entry stands; {@code WAITING} by default
     * @return this draft
     */
    public WaitlistEntryDraft status(WaitlistStatus status) {
        this.status = status;
        return this;
    }

    /**
     * The entry's place in the order of joining, among the entries it competes with; lower is
     * served first. 1 by default.
     *
     * @param sequence the place, compared with other entries' only
     * @return this draft
     */
    public WaitlistEntryDraft sequence(long sequence) {
        this.sequence = sequence;
        return this;
    }

    /**
     * The booking offered to the entry; none by default.
     *
     * @param bookingId the offered booking's id
     * @return this draft
     */
    public WaitlistEntryDraft offer(String bookingId) {
        this.offerId = bookingId;
        return this;
    }

    /**
     * The language of the entry's notifications; English by default.
     *
     * @param locale the language and region, such as {@code es-AR}
     * @return this draft
     */
    public WaitlistEntryDraft locale(Locale locale) {
        this.locale = locale;
        return this;
    }

    /**
     * When the customer joined, which is also when the entry last changed;
     * 2031-03-01T09:00:00.000001Z by default.
     *
     * @param joinedAt whole microseconds, like every instant of the contract
     * @return this draft
     */
    public WaitlistEntryDraft joinedAt(Instant joinedAt) {
        this.joinedAt = joinedAt;
        return this;
    }

    /**
     * The entry at version 0, last changed when it joined.
     *
     * @return a new entry
     * @throws io.bookingkit.error.InvalidRequestException if the components break a rule of
     *                                                     {@link WaitlistEntry}
     */
    public WaitlistEntry build() {
        return new WaitlistEntry(id, tenantId, customerId, templateName, resourceIds, interval, partySize, status,
                sequence, Optional.ofNullable(offerId), locale, joinedAt, joinedAt, 0);
    }
}
