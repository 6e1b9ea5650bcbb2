package io.bookingkit.recurrence;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.TimeZone;
import org.dmfs.rfc5545.DateTime;
import org.dmfs.rfc5545.recur.InvalidRecurrenceRuleException;
import org.dmfs.rfc5545.recur.RecurrenceRule.RfcMode;
import org.dmfs.rfc5545.recur.RecurrenceRuleIterator;

/**
 * lib-recur 0.17.1 (org.dmfs), an independent RFC 5545 expander, as the oracle of the
 * recurrence tests: it parses the rule text itself, in RFC 5545 strict mode, and is asked for
 * plain local date-times, so that nothing of bookingkit's own parser, expander or daylight-saving
 * rule takes part in the expected values.
 *
 * <p>lib-recur gives up, with an {@link IllegalArgumentException} or {@link IllegalStateException}, after 4320 empty or filtered
 * candidate sets in a row (a rule such as {@code FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30} never
 * matches); {@link Instances#gaveUp()} says so instead of throwing.
 */
final class LibRecur {

    private LibRecur() {
    }

    /**
     * The instances lib-recur gives, in order, expanding {@code rrule} from a floating (zone-less)
     * {@code dtstart}, that lie strictly after {@code after} and strictly before {@code end}; at
     * most {@code max} of them.
     */
    static Instances floating(String rrule, LocalDateTime dtstart, LocalDateTime after, LocalDateTime end, int max) {
        return collect(rrule, toDateTime(dtstart, null), null, after, end, max);
    }

    /**
     * As {@link #floating}, but from {@code dtstart} in {@code zone} (so that an {@code UNTIL} at
     * UTC applies) and without a lower bound: the instances as local date-times in {@code zone}.
     */
    static Instances zoned(String rrule, LocalDateTime dtstart, ZoneId zone, LocalDateTime end, int max) {
        TimeZone tz = TimeZone.getTimeZone(zone);
        return collect(rrule, toDateTime(dtstart, tz), tz, null, end, max);
    }

    private static Instances collect(String rrule, DateTime start, TimeZone zone, LocalDateTime after,
                                     LocalDateTime end, int max) {
        org.dmfs.rfc5545.recur.RecurrenceRule rule;
        try {
            rule = new org.dmfs.rfc5545.recur.RecurrenceRule(rrule, RfcMode.RFC5545_STRICT);
        } catch (InvalidRecurrenceRuleException e) {
            throw new AssertionError("lib-recur refuses " + rrule + ": " + e.getMessage(), e);
        }
        List<LocalDateTime> instances = new ArrayList<>();
        try {
            RecurrenceRuleIterator it = rule.iterator(start);
            while (instances.size() < max && it.hasNext()) {
                LocalDateTime next = toLocal(it.nextDateTime(), zone);
                if (!next.isBefore(end)) {
                    break;
                }
                if (after == null || next.isAfter(after)) {
                    instances.add(next);
                }
            }
        } catch (IllegalArgumentException | IllegalStateException e) {
            // "too many empty recurrence sets" / "too many filtered recurrence instances"
            if (e.getMessage() == null || !e.getMessage().startsWith("too many")) {
                throw e;
            }
            return new Instances(instances, true);
        }
        return new Instances(instances, false);
    }

    private static DateTime toDateTime(LocalDateTime t, TimeZone zone) {
        if (t.getNano() != 0) {
            throw new IllegalArgumentException("lib-recur has whole seconds only: " + t);
        }
        // lib-recur counts months from 0.
        return zone == null
                ? new DateTime(t.getYear(), t.getMonthValue() - 1, t.getDayOfMonth(), t.getHour(), t.getMinute(),
                t.getSecond())
                : new DateTime(zone, t.getYear(), t.getMonthValue() - 1, t.getDayOfMonth(), t.getHour(), t.getMinute(),
                t.getSecond());
    }

    private static LocalDateTime toLocal(DateTime d, TimeZone zone) {
        DateTime local = zone == null ? d : d.shiftTimeZone(zone);
        return LocalDateTime.of(local.getYear(), local.getMonth() + 1, local.getDayOfMonth(), local.getHours(),
                local.getMinutes(), local.getSeconds());
    }

    /**
     * What lib-recur gave.
     *
     * @param instances the instances, in order
     * @param gaveUp    whether lib-recur stopped with "too many empty (or filtered) sets" before
     *                  reaching the end or the maximum, so that later instances are unknown
     */
    record Instances(List<LocalDateTime> instances, boolean gaveUp) {
    }
}
