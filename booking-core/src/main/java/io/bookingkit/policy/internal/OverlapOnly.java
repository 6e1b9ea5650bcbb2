package io.bookingkit.policy.internal;

import io.bookingkit.policy.BookingRule;
import io.bookingkit.policy.BookingRules;
import io.bookingkit.template.ServiceTemplate;
import java.util.List;

/**
 * Which new bookings the rules judge by other bookings only through
 * {@link BookingRules#noConflicts()} on their own occupied time: those a store's overlap
 * constraint can judge in place of the locked read, on a one-seat resource.
 *
 * <p>Every other built-in rule reads bookings only for the template's limits (per resource and
 * per customer) or its group sessions (the session deadline, and the join notice when a booking
 * joins one); a rule the application added may read any of them, unless it says it reads none.
 */
public final class OverlapOnly {

    private static final List<BookingRule> BUILT_IN = BookingRules.defaults();

    private OverlapOnly() {
    }

    /**
     * Whether {@code rules}, judging a new booking of {@code template} on one resource, read other
     * bookings only to see whether any blocks its occupied time.
     *
     * @param rules    the engine's booking rules
     * @param template the booking's template
     * @return true when every rule is a built-in or {@linkplain BookingRule#readsBookings() reads
     *         no bookings}, and the template has no limits and no sessions
     */
    public static boolean judges(List<BookingRule> rules, ServiceTemplate template) {
        return rules.stream().allMatch(r -> BUILT_IN.contains(r) || !r.readsBookings()) && !template.limits().any()
                && template.quorum().isEmpty() && template.joinNotice().isEmpty();
    }
}
