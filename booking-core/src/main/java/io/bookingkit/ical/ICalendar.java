package io.bookingkit.ical;

import io.bookingkit.booking.Booking;
import io.bookingkit.booking.BookingStatus;
import io.bookingkit.booking.SeriesLink;
import io.bookingkit.internal.Require;
import io.bookingkit.recurrence.RecurrenceRule;
import io.bookingkit.resource.Resource;
import io.bookingkit.time.WallClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneOffsetTransitionRule;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Bookings as RFC 5545 iCalendar text, for a calendar app to import or subscribe to. Each
 * booking is one {@code VEVENT} whose {@code UID} is stable for the booking and whose
 * {@code SEQUENCE} is its version, so a moved or cancelled booking updates the event already
 * in the calendar. Times are written in the resource's zone ({@code TZID} with a
 * {@code VTIMEZONE} generated from the zone's rules for the years the events span), or in UTC
 * where local time cannot say the instant: a resource whose zone is a fixed offset, and the
 * second pass through an hour the zone repeats. Text is escaped and lines are folded at 75
 * octets, as RFC 5545 requires; line ends are CRLF.
 *
 * <p>{@code STATUS}: {@code TENTATIVE} for held and pending bookings, {@code CANCELLED} for
 * cancelled, declined and expired ones, {@code CONFIRMED} otherwise. {@code SUMMARY} is the
 * booking's template, {@code LOCATION} its resources' names. {@code DTSTAMP} is when the
 * booking last changed, so the same booking always gives the same text.
 *
 * <p>In a {@linkplain #feed feed}, a recurring series that is unchanged is one event with the
 * series' {@code RRULE} (as a {@code COUNT}) and an {@code EXDATE} for each place that was
 * cancelled, refused or left out: every occurrence starts where the rule puts it, lasts as long
 * as the others, and uses the same resources, template and party, and none starts in an hour
 * the zone skips or repeats (where calendar programs and the booking rules may disagree). Its
 * {@code UID} is the series', its {@code SEQUENCE} the sum of all its occurrences' versions
 * (cancelled ones too), so any change updates it. Any other series is written one event per occurrence, as are series booked
 * before the rule was kept and series moved to another time of day.
 *
 * <p>Stateless and thread-safe.
 */
public final class ICalendar {

    /** What a calendar object asks of its receiver ({@code METHOD}, RFC 5546). */
    public enum Method {
        /** A calendar to show or subscribe to; the default. */
        PUBLISH,
        /** An invitation: a mail client offers to add or update the event. */
        REQUEST,
        /** Withdraws events: a mail client removes them. */
        CANCEL
    }

    private static final String PRODID = "-//bookingkit//bookingkit//EN";
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss");
    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private ICalendar() {
    }

    /**
     * {@code booking} on {@code resource} (one of its resources) as a published calendar.
     *
     * @param booking  the booking to write
     * @param resource one of its resources, whose zone and name are used
     * @return the iCalendar text, method {@code PUBLISH}
     * @throws io.bookingkit.error.InvalidRequestException if the booking is not on that resource of
     *                                                     its tenant
     */
    public static String of(Booking booking, Resource resource) {
        return of(booking, resource, Method.PUBLISH);
    }

    /**
     * {@code booking} on {@code resource} (one of its resources) as a calendar with
     * {@code method}; its zone and {@code LOCATION} are that resource's. For a booking of several
     * resources, {@link #of(Booking, Function, Method)} names them all.
     *
     * @param booking  the booking to write
     * @param resource one of its resources, whose zone and name are used
     * @param method   what the calendar asks of its receiver
     * @return the iCalendar text
     * @throws io.bookingkit.error.InvalidRequestException if the booking is not on that resource of
     *                                                     its tenant
     */
    public static String of(Booking booking, Resource resource, Method method) {
        Require.nonNull(booking, "booking");
        Require.nonNull(resource, "resource");
        if (!booking.resourceIds().contains(resource.id()) || !booking.tenantId().equals(resource.tenantId())) {
            throw new io.bookingkit.error.InvalidRequestException("Booking '" + booking.id() + "' is not on resource '"
                    + resource.id() + "' of tenant '" + resource.tenantId() + "'");
        }
        return write(List.of(booking), id -> id.equals(resource.id()) ? resource : null,
                Require.nonNull(method, "method"), null);
    }

    /**
     * {@code booking} as a calendar with {@code method}, in the zone of the first of its
     * resources that {@code resources} knows, with all their names as {@code LOCATION}.
     *
     * @param resources the resource of each id, or null for one it does not know (left out)
     * @param booking   the booking to write
     * @param method    what the calendar asks of its receiver
     * @return the iCalendar text
     * @throws io.bookingkit.error.InvalidRequestException if it knows none of the booking's resources
     */
    public static String of(Booking booking, Function<String, Resource> resources, Method method) {
        Require.nonNull(booking, "booking");
        Require.nonNull(resources, "resources");
        return write(List.of(booking), resources, Require.nonNull(method, "method"), null);
    }

    /**
     * {@code bookings} as one published calendar named {@code name} ({@code X-WR-CALNAME}, which
     * calendar apps show); each in the zone of its first resource. A series among them that is
     * unchanged is one event, in its own zone, when {@code bookings} holds every occurrence of it
     * (as {@link io.bookingkit.spi.BookingReads#findBySeries} gives them): a place without one is
     * written as an exception. Series events come first, by start, then the other bookings.
     *
     * @param resources the resource of each id the bookings name
     * @param name      the calendar's name, not blank
     * @param bookings  the bookings, in any order
     * @return the iCalendar text, method {@code PUBLISH}
     */
    public static String feed(String name, List<Booking> bookings, Function<String, Resource> resources) {
        Require.elements(bookings, "bookings");
        Map<String, List<Booking>> bySeries = new TreeMap<>();
        bookings.forEach(b -> b.series().ifPresent(link -> bySeries.computeIfAbsent(link.seriesId(),
                k -> new ArrayList<>()).add(b)));
        return feed(name, bookings, id -> bySeries.getOrDefault(id, List.of()), resources);
    }

    /**
     * {@code bookings} as one published calendar, as {@link #feed(String, List, Function)}, where
     * {@code series} gives every occurrence of a series that some of {@code bookings} belong to.
     * A series written as one event covers all of them; any other series is written only as far as
     * {@code bookings} holds it, so the calendar shows no more than was asked for.
     *
     * @param series    every occurrence of the series with that id the reader may see
     * @param resources the resource of each id the bookings name
     * @param name      the calendar's name, not blank
     * @param bookings  the bookings, in any order
     * @return the iCalendar text, method {@code PUBLISH}
     */
    public static String feed(String name, List<Booking> bookings, Function<String, List<Booking>> series,
                              Function<String, Resource> resources) {
        Require.notBlank(name, "name");
        Require.elements(bookings, "bookings");
        Require.nonNull(series, "series");
        Require.nonNull(resources, "resources");
        Map<String, List<Booking>> bySeries = new TreeMap<>();
        List<Booking> single = new ArrayList<>();
        for (Booking b : bookings) {
            b.series().ifPresentOrElse(link -> bySeries.computeIfAbsent(link.seriesId(), k -> new ArrayList<>()).add(b),
                    () -> single.add(b));
        }
        List<SeriesEvent> events = new ArrayList<>();
        bySeries.forEach((id, found) -> SeriesEvent.of(Require.nonNull(series.apply(id), "series of " + id), resources)
                .ifPresentOrElse(events::add, () -> single.addAll(found)));
        single.sort(Comparator.comparing((Booking b) -> b.interval().getStart()).thenComparing(Booking::id));
        events.sort(Comparator.comparing(SeriesEvent::start).thenComparing(SeriesEvent::seriesId));
        return write(single, events, resources, Method.PUBLISH, name);
    }

    private static String write(List<Booking> bookings, Function<String, Resource> resources, Method method,
                                String name) {
        return write(bookings, List.of(), resources, method, name);
    }

    private static String write(List<Booking> bookings, List<SeriesEvent> series, Function<String, Resource> resources,
                                Method method, String name) {
        Lines out = new Lines();
        out.add("BEGIN:VCALENDAR");
        out.add("VERSION:2.0");
        out.add("PRODID:" + PRODID);
        out.add("CALSCALE:GREGORIAN");
        out.add("METHOD:" + method.name());
        if (name != null) {
            out.add("X-WR-CALNAME:" + text(name));
        }
        Map<String, List<Instant>> instantsByZone = new TreeMap<>();
        for (Booking b : bookings) {
            ZoneId zone = zoneOf(b, resources);
            if (!(zone instanceof ZoneOffset)) {
                List<Instant> at = instantsByZone.computeIfAbsent(zone.getId(), z -> new ArrayList<>());
                at.add(b.interval().getStart());
                at.add(b.interval().getEnd());
            }
        }
        for (SeriesEvent e : series) {
            if (!(e.pattern().zone() instanceof ZoneOffset)) {
                instantsByZone.computeIfAbsent(e.pattern().zone().getId(), z -> new ArrayList<>()).addAll(e.instants());
            }
        }
        instantsByZone.forEach((zone, at) -> timezone(out, ZoneId.of(zone), at));
        for (SeriesEvent e : series) {
            e.write(out, resources);
        }
        for (Booking b : bookings) {
            event(out, b, resources, method);
        }
        out.add("END:VCALENDAR");
        return out.toString();
    }

    private static void event(Lines out, Booking b, Function<String, Resource> resources, Method method) {
        ZoneId zone = zoneOf(b, resources);
        out.add("BEGIN:VEVENT");
        out.add("UID:" + text(uid(b)));
        out.add("DTSTAMP:" + UTC.format(b.updatedAt()));
        out.add(dateTime("DTSTART", b.interval().getStart(), zone));
        out.add(dateTime("DTEND", b.interval().getEnd(), zone));
        out.add("SEQUENCE:" + b.version());
        out.add("STATUS:" + (method == Method.CANCEL ? "CANCELLED" : status(b.status())));
        out.add("SUMMARY:" + text(b.templateName()));
        out.add(location(b, resources));
        b.series().ifPresent(link -> out.add("X-BOOKINGKIT-SERIES:" + text(link.seriesId() + "#" + link.index())));
        out.add("END:VEVENT");
    }

    /**
     * An unchanged series as one recurring event: the rule's local starts, the occurrence at each
     * place that has one, and the first occurrence's shape.
     */
    private record SeriesEvent(String seriesId, SeriesLink.Pattern pattern, RecurrenceRule rule,
                               List<LocalDateTime> places, Map<Integer, Booking> byPlace, Booking model, Duration length,
                               long sequence, Instant stamp) {

        static Optional<SeriesEvent> of(List<Booking> group, Function<String, Resource> resources) {
            if (group.isEmpty()) {
                return Optional.empty();
            }
            Optional<SeriesLink.Pattern> pattern = group.get(0).series().flatMap(SeriesLink::pattern);
            if (pattern.isEmpty() || group.stream().anyMatch(b -> !b.series().flatMap(SeriesLink::pattern).equals(pattern))) {
                return Optional.empty();
            }
            SeriesLink.Pattern p = pattern.get();
            RecurrenceRule rule;
            try {
                rule = RecurrenceRule.parse(p.rule());
            } catch (RuntimeException e) {
                return Optional.empty();
            }
            if (rule.count().isEmpty() || p.zone() instanceof ZoneOffset) {
                return Optional.empty();
            }
            List<LocalDateTime> places;
            try {
                places = rule.localOccurrences(p.first(), p.zone(), p.first().plusDays(36_500));
            } catch (RuntimeException e) {
                return Optional.empty();
            }
            // A calendar expands the whole COUNT, so every place must be known; a start with a
            // fraction of a second cannot be written as a local time.
            if (places.size() != rule.count().getAsInt() || places.stream().anyMatch(l -> l.getNano() != 0
                    || p.zone().getRules().getValidOffsets(l).size() != 1)) {
                return Optional.empty();
            }
            List<Booking> live = group.stream().filter(b -> !b.status().isCalledOff()).toList();
            if (live.isEmpty()) {
                return Optional.empty();
            }
            Booking model = live.get(0);
            Duration length = model.interval().toDuration();
            if (length.getNano() != 0) {
                return Optional.empty();
            }
            Map<Integer, Booking> byPlace = new TreeMap<>();
            for (Booking b : group) {
                int place = b.series().orElseThrow().index();
                boolean fits = place < places.size()
                        && b.interval().getStart().equals(places.get(place).atZone(p.zone()).toInstant())
                        && b.interval().toDuration().equals(length) && b.resourceIds().equals(model.resourceIds())
                        && b.templateName().equals(model.templateName()) && b.partySize() == model.partySize();
                if (!fits || (!b.status().isCalledOff() && (byPlace.containsKey(place)
                        || !status(b.status()).equals(status(model.status()))))) {
                    return Optional.empty();
                }
                if (!b.status().isCalledOff()) {
                    byPlace.put(place, b);
                }
            }
            // Every change to an occurrence raises its version, cancelled ones included, so the sum only grows.
            long sequence = group.stream().mapToLong(Booking::version).sum();
            Instant stamp = group.stream().map(Booking::updatedAt).max(Instant::compareTo).orElseThrow();
            return Optional.of(new SeriesEvent(model.series().orElseThrow().seriesId(), p, rule, places, byPlace, model,
                    length, sequence, stamp));
        }

        /** The first place with an occurrence: the event starts there, so no client shows an excepted start. */
        int first() {
            return byPlace.keySet().iterator().next();
        }

        Instant start() {
            return places.get(first()).atZone(pattern.zone()).toInstant();
        }

        List<Instant> instants() {
            List<Instant> at = new ArrayList<>();
            places.forEach(l -> {
                Instant i = l.atZone(pattern.zone()).toInstant();
                at.add(i);
                at.add(i.plus(length));
            });
            return at;
        }

        void write(Lines out, Function<String, Resource> resources) {
            ZoneId zone = pattern.zone();
            out.add("BEGIN:VEVENT");
            out.add("UID:" + text(uidOf("series-" + seriesId, model.tenantId())));
            out.add("DTSTAMP:" + UTC.format(stamp));
            int first = first();
            out.add("DTSTART;TZID=" + zone.getId() + ":" + LOCAL.format(places.get(first)));
            out.add("DURATION:" + duration(length));
            // From a later first place the rule gives the same later starts: it starts on one of them.
            out.add("RRULE:" + rule.count(places.size() - first));
            for (int place = first; place < places.size(); place++) {
                if (!byPlace.containsKey(place)) {
                    out.add("EXDATE;TZID=" + zone.getId() + ":" + LOCAL.format(places.get(place)));
                }
            }
            out.add("SEQUENCE:" + sequence);
            out.add("STATUS:" + status(model.status()));
            out.add("SUMMARY:" + text(model.templateName()));
            out.add(location(model, resources));
            out.add("X-BOOKINGKIT-SERIES:" + text(seriesId));
            out.add("END:VEVENT");
        }
    }

    /** RFC 5545's dur-time: hours, then minutes, then seconds, minutes written whenever seconds follow hours. */
    private static String duration(Duration length) {
        long h = length.toHours();
        int m = length.toMinutesPart();
        int sec = length.toSecondsPart();
        StringBuilder text = new StringBuilder("PT");
        if (h > 0) {
            text.append(h).append('H');
        }
        if (m > 0 || (h > 0 && sec > 0)) {
            text.append(m).append('M');
        }
        if (sec > 0 || (h == 0 && m == 0)) {
            text.append(sec).append('S');
        }
        return text.toString();
    }

    /** {@code LOCATION}: the names of the booking's resources that {@code resources} knows. */
    private static String location(Booking b, Function<String, Resource> resources) {
        return "LOCATION:" + String.join("\\, ", known(b, resources).stream().map(Resource::name).map(ICalendar::text)
                .toList());
    }

    /**
     * The event's UID: the same for every version of the booking, unique across tenants.
     *
     * @param booking the booking whose event it names
     * @return {@code <booking id>@<tenant id>.bookingkit}, with {@code %} and {@code @} in the
     *         booking id written {@code %25} and {@code %40}, so that no two bookings of any
     *         tenants share one
     */
    public static String uid(Booking booking) {
        Require.nonNull(booking, "booking");
        return uidOf(booking.id(), booking.tenantId());
    }

    /*
     * Only the id before the last '@' is escaped: "a@b" of tenant "c" and "a" of tenant "b@c"
     * would otherwise both be "a@b@c.bookingkit". Ids without '@' or '%' keep the UIDs they
     * always had, so calendars that hold their events do not see them twice.
     */
    private static String uidOf(String id, String tenantId) {
        return id.replace("%", "%25").replace("@", "%40") + "@" + tenantId + ".bookingkit";
    }

    private static String status(BookingStatus status) {
        return switch (status) {
            case HELD, PENDING -> "TENTATIVE";
            case CANCELLED, DECLINED, EXPIRED -> "CANCELLED";
            case CONFIRMED, IN_PROGRESS, COMPLETED, NO_SHOW -> "CONFIRMED";
        };
    }

    private static ZoneId zoneOf(Booking b, Function<String, Resource> resources) {
        List<Resource> known = known(b, resources);
        if (known.isEmpty()) {
            throw new io.bookingkit.error.InvalidRequestException("None of booking '" + b.id() + "''s resources "
                    + b.resourceIds() + " is known, so it has no zone to be written in");
        }
        return known.get(0).zone();
    }

    private static List<Resource> known(Booking b, Function<String, Resource> resources) {
        return b.resourceIds().stream().map(resources).filter(java.util.Objects::nonNull).toList();
    }

    /**
     * A date-time in the zone's local time, or in UTC where local time cannot say it: a fixed
     * offset, and the second pass through an hour the zone repeats (RFC 5545 reads a repeated
     * local time as the first of the two).
     */
    private static String dateTime(String property, Instant instant, ZoneId zone) {
        LocalDateTime local = LocalDateTime.ofInstant(instant, zone);
        if (zone instanceof ZoneOffset || !WallClock.toInstant(local.toLocalDate(), local.toLocalTime(), zone)
                .equals(instant)) {
            return property + ":" + UTC.format(instant);
        }
        return property + ";TZID=" + zone.getId() + ":" + LOCAL.format(local);
    }

    /**
     * A {@code VTIMEZONE} for the events {@code at}. A zone whose current yearly rules already
     * applied a year before the first event gets one observance per rule, with the {@code RRULE}
     * that repeats it, as calendar programs expect (some read an observance without one as
     * repeating on its date every year). Any other zone gets one observance per offset change
     * from the year before the first event to the year after the last, and a zone without
     * changes one observance of its offset.
     */
    private static void timezone(Lines out, ZoneId zone, List<Instant> at) {
        ZoneRules rules = zone.getRules();
        Instant from = at.stream().min(Instant::compareTo).orElseThrow().atZone(ZoneOffset.UTC).minusYears(1).toInstant();
        Instant to = at.stream().max(Instant::compareTo).orElseThrow().atZone(ZoneOffset.UTC).plusYears(1).toInstant();
        out.add("BEGIN:VTIMEZONE");
        out.add("TZID:" + zone.getId());
        List<String[]> yearly = yearlyObservances(rules, from, to);
        if (!yearly.isEmpty()) {
            yearly.forEach(lines -> Arrays.stream(lines).forEach(out::add));
        } else {
            ZoneOffset before = rules.getOffset(from);
            // The offset in force at the start of the range, as the first observance.
            observance(out, rules.isDaylightSavings(from), LocalDateTime.ofInstant(from, before), before, before, null);
            for (ZoneOffsetTransition t = rules.nextTransition(from); t != null && t.getInstant().isBefore(to);
                 t = rules.nextTransition(t.getInstant())) {
                observance(out, rules.isDaylightSavings(t.getInstant()), t.getDateTimeBefore(), t.getOffsetBefore(),
                        t.getOffsetAfter(), null);
            }
        }
        out.add("END:VTIMEZONE");
    }

    /**
     * The zone's yearly rules as observances with an {@code RRULE}, each checked against the
     * rule's own transitions for every year of the range; empty when the rules do not cover the
     * range or one cannot be written as an {@code RRULE}.
     */
    private static List<String[]> yearlyObservances(ZoneRules rules, Instant from, Instant to) {
        List<ZoneOffsetTransitionRule> yearly = rules.getTransitionRules();
        List<ZoneOffsetTransition> fixed = rules.getTransitions();
        if (yearly.isEmpty() || (!fixed.isEmpty() && !fixed.get(fixed.size() - 1).getInstant().isBefore(from))) {
            return List.of();
        }
        int firstYear = from.atZone(ZoneOffset.UTC).getYear();
        int lastYear = to.atZone(ZoneOffset.UTC).getYear();
        List<String[]> observances = new ArrayList<>();
        for (ZoneOffsetTransitionRule rule : yearly) {
            LocalDateTime start = rule.createTransition(firstYear).getDateTimeBefore();
            Optional<String> rrule = rrule(rule, start);
            if (rrule.isEmpty() || !repeats(rrule.get(), start, rule, firstYear, lastYear)) {
                return List.of();
            }
            Lines lines = new Lines();
            observance(lines, !rule.getOffsetAfter().equals(rule.getStandardOffset()), start, rule.getOffsetBefore(),
                    rule.getOffsetAfter(), rrule.get());
            observances.add(lines.toString().split("\r\n"));
        }
        return observances;
    }

    /** The RRULE of a yearly rule whose transition falls at {@code start}'s local date-time. */
    private static Optional<String> rrule(ZoneOffsetTransitionRule rule, LocalDateTime start) {
        int indicator = rule.getDayOfMonthIndicator();
        String base = "FREQ=YEARLY;BYMONTH=" + start.getMonthValue();
        if (rule.getDayOfWeek() == null) {
            return Optional.of(base + ";BYMONTHDAY=" + start.getDayOfMonth());
        }
        String day = rule.getDayOfWeek().name().substring(0, 2);
        if (indicator == -1) {
            return Optional.of(base + ";BYDAY=-1" + day);
        }
        // "The first such weekday on or after day N" (or "on or before the N-th last day"): one of
        // seven consecutive days of the month.
        StringBuilder days = new StringBuilder();
        int shortest = start.getMonth().minLength();
        for (int d = 0; d < 7; d++) {
            int n = indicator > 0 ? indicator + d : indicator - d;
            if (n > shortest || n < -shortest) {
                // The weekday may fall in the next month, which an RRULE of this month cannot say.
                return Optional.empty();
            }
            days.append(d == 0 ? "" : ",").append(n);
        }
        return Optional.of(base + ";BYMONTHDAY=" + days + ";BYDAY=" + day);
    }

    /** Whether {@code rrule} from {@code start} gives the rule's transition, in local terms, every year. */
    private static boolean repeats(String rrule, LocalDateTime start, ZoneOffsetTransitionRule rule, int firstYear,
                                   int lastYear) {
        List<LocalDateTime> expected = new ArrayList<>();
        for (int year = firstYear; year <= lastYear; year++) {
            expected.add(rule.createTransition(year).getDateTimeBefore());
        }
        List<LocalDateTime> generated = RecurrenceRule.parse(rrule).localOccurrences(start, ZoneOffset.UTC,
                LocalDateTime.of(lastYear + 1, 1, 1, 0, 0));
        return generated.equals(expected);
    }

    private static void observance(Lines out, boolean daylight, LocalDateTime start, ZoneOffset from, ZoneOffset to,
                                   String rrule) {
        String kind = daylight ? "DAYLIGHT" : "STANDARD";
        out.add("BEGIN:" + kind);
        out.add("DTSTART:" + LOCAL.format(start));
        if (rrule != null) {
            out.add("RRULE:" + rrule);
        }
        out.add("TZOFFSETFROM:" + offset(from));
        out.add("TZOFFSETTO:" + offset(to));
        out.add("END:" + kind);
    }

    /** An offset as RFC 5545 writes it: {@code +0100}, {@code -0330}, {@code +053328} with seconds. */
    private static String offset(ZoneOffset offset) {
        int total = offset.getTotalSeconds();
        int abs = Math.abs(total);
        String text = String.format("%s%02d%02d", total < 0 ? "-" : "+", abs / 3600, (abs / 60) % 60);
        return abs % 60 == 0 ? text : text + String.format("%02d", abs % 60);
    }

    /**
     * {@code value} as a TEXT value: backslashes, semicolons, commas and line breaks escaped, other
     * control characters dropped (RFC 5545 allows none in TEXT).
     */
    static String text(String value) {
        StringBuilder escaped = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> escaped.append("\\\\");
                case ';' -> escaped.append("\\;");
                case ',' -> escaped.append("\\,");
                case '\n' -> escaped.append("\\n");
                case '\r' -> {
                    if (i + 1 >= value.length() || value.charAt(i + 1) != '\n') {
                        escaped.append("\\n");
                    }
                }
                default -> {
                    if (!Character.isISOControl(c) || c == '\t') {
                        escaped.append(c);
                    }
                }
            }
        }
        return escaped.toString();
    }

    /** Content lines, each folded at 75 octets of UTF-8 without splitting a character, CRLF-ended. */
    private static final class Lines {
        private final StringBuilder text = new StringBuilder();

        void add(String line) {
            int octets = 0;
            int limit = 75;
            for (int i = 0; i < line.length(); ) {
                int cp = line.codePointAt(i);
                int width = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
                if (octets + width > limit) {
                    text.append("\r\n ");
                    // The space that starts a continuation line counts towards its 75 octets.
                    octets = 1;
                }
                text.appendCodePoint(cp);
                octets += width;
                i += Character.charCount(cp);
            }
            text.append("\r\n");
        }

        @Override
        public String toString() {
            return text.toString();
        }
    }
}
