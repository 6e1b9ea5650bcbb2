package io.bookingkit.slot;

import io.bookingkit.conflict.Conflict;
import io.bookingkit.error.BookingException;
import io.bookingkit.internal.Require;
import io.bookingkit.policy.BookingCheck;
import io.bookingkit.policy.BookingRule;
import io.bookingkit.policy.BookingRules;
import io.bookingkit.policy.CustomerState;
import io.bookingkit.policy.PolicyViolationException;
import io.bookingkit.policy.ResourceState;
import io.bookingkit.policy.SlotUnavailableException;
import io.bookingkit.policy.Violation;
import io.bookingkit.template.PoolMode;
import io.bookingkit.template.ServiceTemplate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.threeten.extra.Interval;

/**
 * The one choice of resources for a booking, used by the slot list, by "why not?" and by the
 * write, so that the resource a slot names is the one a booking of it gets. An {@code ALL_OF}
 * pool (or a single resource) is one option: all of them. An {@code ANY_OF} pool offers each
 * resource on its own; among those that pass every rule, the one with the fewest blocking
 * bookings on the candidate's local day is chosen, and ties go to the one named first.
 *
 * <p>Immutable and thread-safe.
 */
public final class PoolChoice {

    /** What the choice is for: how much it must find out about the options that fail. */
    public enum Purpose {
        /** A slot list: only whether some option passes, and which; no reasons. */
        LIST,
        /** "Why not?": every reason of every option, with parameters. */
        EXPLAIN,
        /** A write: as {@link #EXPLAIN}, and the conflicting bookings for the refusal. */
        WRITE,
        /** An administrator's write over conflicts: conflicts do not count against an option. */
        FORCED_WRITE,
        /**
         * Seats offered to a waitlist entry: as {@link #WRITE}, judged by
         * {@link BookingRules#forOffers the rules for offers} only.
         */
        OFFER
    }

    /**
     * One candidate booking.
     *
     * @param template   the service
     * @param mode       how the resources are used: any one of them, or all together
     * @param states     the rules' view of each resource, in the request's order
     * @param interval   the customer's time
     * @param partySize  seats it needs on each resource it uses
     * @param customer   the customer asking, for per-customer limits
     * @param now        when the decision is made
     * @param ignoredIds bookings to leave out, such as the one being moved
     */
    public record Candidate(ServiceTemplate template, PoolMode mode, List<ResourceState> states, Interval interval,
                            int partySize, CustomerState customer, Instant now, Set<String> ignoredIds) {
        /**
         * Validates the components.
         *
         * @param template   the service
         * @param mode       how the resources are used: any one of them, or all together
         * @param states     the rules' view of each resource, in the request's order
         * @param interval   the customer's time
         * @param partySize  seats it needs on each resource it uses
         * @param customer   the customer asking, for per-customer limits
         * @param now        when the decision is made
         * @param ignoredIds bookings to leave out, such as the one being moved
         * @throws io.bookingkit.error.InvalidRequestException if {@code interval} is unbounded or
         *                                                     empty
         */
        public Candidate {
            Require.nonNull(template, "template");
            Require.nonNull(mode, "mode");
            states = List.copyOf(Require.nonNull(states, "states"));
            Require.boundedNonEmpty(interval, "interval");
            Require.nonNull(customer, "customer");
            Require.nonNull(now, "now");
            ignoredIds = Set.copyOf(Require.nonNull(ignoredIds, "ignoredIds"));
        }
    }

    /**
     * The outcome.
     *
     * @param chosen     the resources the booking uses, if any option passes
     * @param overridden for {@link Purpose#FORCED_WRITE}: whether the chosen option had conflicts
     * @param reasons    for the other purposes, every reason of every failing option
     * @param conflicts  for writes, the bookings in the way of the failing options
     */
    public record Choice(Optional<List<ResourceState>> chosen, boolean overridden, List<Violation> reasons,
                         List<Conflict> conflicts) {
        /**
         * Validates the components.
         *
         * @param chosen     the resources the booking uses, if any option passes
         * @param overridden for {@link Purpose#FORCED_WRITE}: whether the chosen option had
         *                   conflicts
         * @param reasons    for the other purposes, every reason of every failing option
         * @param conflicts  for writes, the bookings in the way of the failing options
         */
        public Choice {
            Require.nonNull(chosen, "chosen");
            reasons = List.copyOf(reasons);
            conflicts = List.copyOf(conflicts);
        }

        /**
         * The chosen resources.
         *
         * @return the chosen resources: one of an {@code ANY_OF} pool, or all of them
         * @throws SlotUnavailableException if only other bookings stand in the way
         * @throws PolicyViolationException listing every reason otherwise
         */
        public List<ResourceState> orRefuse() {
            return chosen.orElseThrow(() -> refusal(reasons, conflicts));
        }
    }

    private final List<BookingRule> rules;
    private final List<BookingRule> offerRules;
    // When the built-in opening-hours and conflict rules are in force, a slot list settles most
    // refused starts by a binary search each before the whole rule set is asked about the rest;
    // the answer is the same, as those rules would refuse exactly these starts.
    private final boolean checksOpeningHours;
    private final boolean checksConflicts;

    /**
     * A choice judged by {@code rules}.
     *
     * @param rules the booking rules, in the order they are asked
     */
    public PoolChoice(List<BookingRule> rules) {
        this.rules = List.copyOf(Require.nonNull(rules, "rules"));
        this.offerRules = BookingRules.forOffers(this.rules);
        this.checksOpeningHours = this.rules.contains(BookingRules.openingHours());
        this.checksConflicts = this.rules.contains(BookingRules.noConflicts());
    }

    /**
     * Chooses the resources for {@code candidate}, finding out as much as {@code purpose} needs.
     *
     * @param candidate the candidate booking
     * @param purpose   what the choice is for
     * @return the choice: the chosen resources, or the reasons and conflicts of the failing options
     */
    public Choice choose(Candidate candidate, Purpose purpose) {
        Require.nonNull(candidate, "candidate");
        Require.nonNull(purpose, "purpose");
        Interval occupied = candidate.template().occupied(candidate.interval());
        boolean explain = purpose != Purpose.LIST;
        boolean write = purpose == Purpose.WRITE || purpose == Purpose.FORCED_WRITE || purpose == Purpose.OFFER;
        List<BookingRule> judging = purpose == Purpose.OFFER ? offerRules : rules;
        Set<Violation> reasons = new LinkedHashSet<>();
        List<Conflict> conflicts = new ArrayList<>();
        List<ResourceState> best = null;
        boolean bestOverridden = false;
        for (List<ResourceState> option : options(candidate)) {
            if (!explain && !passesQuickChecks(option, candidate.interval(), occupied, candidate.partySize(),
                    candidate.ignoredIds())) {
                continue;
            }
            BookingCheck check = new BookingCheck(candidate.template(), option, candidate.interval(), occupied,
                    candidate.partySize(), candidate.customer(), candidate.now(), candidate.ignoredIds(), explain);
            List<Violation> found = BookingRules.evaluate(judging, check, !explain);
            boolean overridden = false;
            if (purpose == Purpose.FORCED_WRITE) {
                List<Violation> remaining = found.stream().filter(v -> !BookingRules.CONFLICT_CODES.contains(v.code())).toList();
                overridden = remaining.size() < found.size();
                found = remaining;
            }
            if (found.isEmpty()) {
                if (best == null || lessBooked(option, best, candidate.interval().getStart())) {
                    best = option;
                    bestOverridden = overridden;
                }
                continue;
            }
            if (explain) {
                reasons.addAll(found);
            }
            if (write) {
                conflicts.addAll(conflictsOf(check));
            }
        }
        if (best != null) {
            return new Choice(Optional.of(best), bestOverridden, List.of(), List.of());
        }
        return new Choice(Optional.empty(), false, List.copyOf(reasons), conflicts);
    }

    /**
     * As {@link #choose}, except that an {@code ANY_OF} pool's {@code preferred} resource is
     * taken whenever it passes every rule, whatever the others' load: an occurrence of a series
     * keeps the resource of the occurrences before it where it can.
     *
     * @param candidate the candidate booking
     * @param purpose   what the choice is for
     * @param preferred the resource to keep, if any
     * @return the choice
     */
    public Choice chooseKeeping(Candidate candidate, Purpose purpose, Optional<String> preferred) {
        Require.nonNull(candidate, "candidate");
        Require.nonNull(preferred, "preferred");
        if (preferred.isPresent() && candidate.mode() == PoolMode.ANY_OF && candidate.states().size() > 1) {
            for (ResourceState state : candidate.states()) {
                if (state.resource().id().equals(preferred.get())) {
                    Choice kept = choose(new Candidate(candidate.template(), candidate.mode(), List.of(state),
                            candidate.interval(), candidate.partySize(), candidate.customer(), candidate.now(),
                            candidate.ignoredIds()), purpose);
                    if (kept.chosen().isPresent()) {
                        return kept;
                    }
                }
            }
        }
        return choose(candidate, purpose);
    }

    /**
     * A refusal: a conflict when only other bookings stand in the way, a policy violation
     * otherwise.
     *
     * @param violations every reason the options failed
     * @param conflicts  the bookings in the way
     * @return a {@link SlotUnavailableException} when every violation is a conflict, a
     *         {@link PolicyViolationException} otherwise
     */
    public static BookingException refusal(List<Violation> violations, List<Conflict> conflicts) {
        boolean onlyConflicts = violations.stream().allMatch(v -> BookingRules.CONFLICT_CODES.contains(v.code()));
        return onlyConflicts ? new SlotUnavailableException(conflicts, violations) : new PolicyViolationException(violations);
    }

    private static List<List<ResourceState>> options(Candidate candidate) {
        if (candidate.mode() == PoolMode.ALL_OF || candidate.states().size() == 1) {
            return List.of(candidate.states());
        }
        List<List<ResourceState>> options = new ArrayList<>(candidate.states().size());
        candidate.states().forEach(s -> options.add(List.of(s)));
        return options;
    }

    /**
     * Whether some option of a slot-list candidate survives the opening-hours and conflict
     * checks, where they are in force: false means {@link #choose} for {@link Purpose#LIST}
     * would choose nothing, which the slot list learns here without building the candidate.
     */
    boolean mayList(PoolMode mode, List<ResourceState> states, Interval interval, Interval occupied, int partySize) {
        if (mode == PoolMode.ALL_OF || states.size() == 1) {
            return passesQuickChecks(states, interval, occupied, partySize, Set.of());
        }
        for (ResourceState state : states) {
            if (passesQuickChecks(List.of(state), interval, occupied, partySize, Set.of())) {
                return true;
            }
        }
        return false;
    }

    /** Spreads load: fewer blocking bookings on the start's local day wins; ties keep the earlier option. */
    private static boolean lessBooked(List<ResourceState> candidate, List<ResourceState> current, Instant start) {
        ResourceState a = candidate.get(0);
        ResourceState b = current.get(0);
        return a.blockingOn(a.localDay(start)) < b.blockingOn(b.localDay(start));
    }

    /**
     * Whether the start survives the opening-hours and conflict rules, where they are in force,
     * on every one of {@code states}: false settles most refused starts quickly.
     */
    private boolean passesQuickChecks(List<ResourceState> states, Interval interval, Interval occupied, int partySize,
                                      Set<String> ignoredIds) {
        for (ResourceState s : states) {
            if (checksOpeningHours && !s.open().encloses(interval)) {
                return false;
            }
            if (checksConflicts && !s.conflicts().fits(occupied, partySize, s.capacity(), ignoredIds)) {
                return false;
            }
        }
        return true;
    }

    /** The bookings standing in the way of {@code check}, on each of its resources. */
    private static List<Conflict> conflictsOf(BookingCheck check) {
        List<Conflict> conflicts = new ArrayList<>();
        for (ResourceState s : check.resources()) {
            conflicts.addAll(s.conflicts().conflicts(check.interval(), check.occupied(), check.partySize(), s.capacity(),
                    check.ignoredIds()));
        }
        return conflicts;
    }
}
