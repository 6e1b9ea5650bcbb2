package io.bookingkit.policy;

import io.bookingkit.template.ServiceTemplate;
import io.bookingkit.waitlist.WaitlistEntry;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The template's rules for joining a waitlist, besides those of the booking waited for: the
 * list closes before the start, and a customer may wait for so many sessions at once.
 */
public final class WaitlistRules {

    private WaitlistRules() {
    }

    /**
     * That the template's waitlist for a session starting at {@code start} is still open at
     * {@code now}: it closes the template's
     * {@linkplain io.bookingkit.template.WaitlistSettings#close() waitlist close} before the start.
     *
     * @param template the session's template
     * @param start    the session's start
     * @param zone     the resource's zone, in which the closing time is reported
     * @param now      when the customer asks to join
     * @throws PolicyViolationException ({@code waitlist-closed}) once the template's waitlist for a
     *         session starting at {@code start} has closed
     */
    public static void requireOpen(ServiceTemplate template, Instant start, ZoneId zone, Instant now) {
        Instant closes = start.minus(template.waitlist().close());
        if (!now.isBefore(closes)) {
            throw new PolicyViolationException(List.of(Violation.of("waitlist-closed", "closed",
                    DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").format(closes.atZone(zone)))));
        }
    }

    /**
     * The refusal ({@code waitlist-limit-customer}) of a customer who already has as many open
     * entries of the template, for sessions still to come, as it allows; empty when they may join.
     *
     * @param ofCustomer every entry of the customer, read under their lock
     * @param template   the template of the session joined
     * @param now        when the customer asks to join
     * @return the refusal, or empty
     */
    public static Optional<PolicyViolationException> overLimit(ServiceTemplate template,
                                                               Collection<WaitlistEntry> ofCustomer, Instant now) {
        if (template.waitlist().perCustomer().isEmpty()) {
            return Optional.empty();
        }
        int limit = template.waitlist().perCustomer().getAsInt();
        long open = ofCustomer.stream().filter(e -> e.templateName().equals(template.name()) && e.status().isOpen()
                && now.isBefore(e.start())).count();
        if (open < limit) {
            return Optional.empty();
        }
        return Optional.of(new PolicyViolationException(List.of(Violation.of("waitlist-limit-customer", "limit",
                Integer.toString(limit)))));
    }
}
