package io.bookingkit.testsupport;

import io.bookingkit.analytics.BookingStats;
import io.bookingkit.analytics.Counts;
import io.bookingkit.analytics.HourOfWeek;
import io.bookingkit.analytics.LeadTimes;
import io.bookingkit.analytics.Rate;
import io.bookingkit.analytics.ResourceStats;
import io.bookingkit.analytics.SeatTime;
import io.bookingkit.booking.Booking;
import io.bookingkit.booking.BookingStatus;
import io.bookingkit.booking.Role;
import io.bookingkit.booking.Transition;
import io.bookingkit.resource.Resource;
import io.bookingkit.schedule.OpeningHours;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.threeten.extra.Interval;

/**
 * The {@link BookingStats} that a list of bookings must give, computed by brute force on a grid
 * of minutes, straight from the definitions in the Javadoc of {@code io.bookingkit.analytics}
 * and independently of the core's own arithmetic (no offsets, no interval sets, no sums of
 * durations): the model that {@link StatsContract} compares every store's statistics with.
 *
 * <p>For every resource and every minute of the window the model asks the resource's zone for
 * that minute's local wall time, and decides from the wall time alone whether the resource is
 * open and which hour of the week it is. Each booking is then walked minute by minute: a minute
 * of its own time inside the window is booked (inside or outside the hours), held or pending by
 * its status; a minute of its occupied time outside its own time is buffer. Counts look at each
 * booking's start, status and history.
 *
 * <p>So that wall time alone decides, the resources' hours are {@link StatsResource simple weekly
 * hours} whose ends never fall into a daylight-saving gap or overlap on a day of the window
 * (checked; a range may still span a gap or an overlap, which it then shortens or lengthens),
 * and every instant of the window and of the bookings' intervals is a whole minute (checked).
 */
public final class StatsBruteForce {

    private static final int WEEK_HOURS = 168;

    /** Booked time, as SeatTime and HourOfWeek name the statuses (a no-show held the seat). */
    private static final Set<BookingStatus> BOOKED = EnumSet.of(BookingStatus.CONFIRMED, BookingStatus.IN_PROGRESS,
            BookingStatus.COMPLETED, BookingStatus.NO_SHOW);

    private StatsBruteForce() {
    }

    /**
     * Local hours of one day, {@code [from, to)}; when {@code to} is not after {@code from} the
     * range runs past midnight into the next day ({@code 22:00-02:00}), and {@code to} 00:00 ends
     * the day ({@code 09:00-24:00}, or {@code 00:00-24:00} for the whole day).
     *
     * @param from where the range starts, a whole minute
     * @param to   where it ends, a whole minute; 00:00 for midnight
     */
    public record LocalHours(LocalTime from, LocalTime to) {

        /**
         * Validates the components: whole minutes.
         *
         * @param from where the range starts, a whole minute
         * @param to   where it ends, a whole minute; 00:00 for midnight
         * @throws IllegalArgumentException if either is not a whole minute
         */
        public LocalHours {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            if (from.getSecond() != 0 || from.getNano() != 0 || to.getSecond() != 0 || to.getNano() != 0) {
                throw new IllegalArgumentException("hours must be whole minutes: " + from + "-" + to);
            }
        }

        /**
         * {@code "HH:mm-HH:mm"}, with {@code 24:00} for a midnight end.
         *
         * @param text two {@code HH:mm} times joined by {@code -}, such as {@code 09:00-13:00}
         * @return the range
         */
        public static LocalHours of(String text) {
            String[] ends = text.split("-");
            return new LocalHours(LocalTime.parse(ends[0]),
                    "24:00".equals(ends[1]) ? LocalTime.MIDNIGHT : LocalTime.parse(ends[1]));
        }

        /**
         * Whether the range runs into the next day.
         *
         * @return true if {@code to} is not after {@code from}
         */
        public boolean pastMidnight() {
            return !to.isAfter(from);
        }

        @Override
        public String toString() {
            return from + "-" + (to.equals(LocalTime.MIDNIGHT) ? "24:00" : to.toString());
        }
    }

    /**
     * A resource as the model sees it: its id, seats, zone and weekly hours (a day not in the map
     * is closed). {@link #resource(String)} turns it into the core's resource, with opening hours
     * written in the compact text form from the same map.
     *
     * @param id       the resource's id
     * @param capacity its seats, positive
     * @param zone     the zone its hours are local to
     * @param week     its hours on each open day; a day without hours is closed
     */
    public record StatsResource(String id, int capacity, ZoneId zone, Map<DayOfWeek, List<LocalHours>> week) {

        /**
         * Validates and copies the components.
         *
         * @param id       the resource's id
         * @param capacity its seats, positive
         * @param zone     the zone its hours are local to
         * @param week     its hours on each open day; a day without hours is closed
         * @throws IllegalArgumentException if {@code capacity} is not positive
         */
        public StatsResource {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(zone, "zone");
            if (capacity < 1) {
                throw new IllegalArgumentException("capacity must be positive: " + capacity);
            }
            EnumMap<DayOfWeek, List<LocalHours>> copy = new EnumMap<>(DayOfWeek.class);
            week.forEach((day, hours) -> copy.put(day, List.copyOf(hours)));
            week = java.util.Collections.unmodifiableMap(copy);
        }

        /**
         * A resource open around the clock every day, so that its days have 23, 24 or 25 hours.
         *
         * @param id       the resource's id
         * @param capacity its seats, positive
         * @param zone     the zone its days are local to
         * @return the resource
         */
        public static StatsResource allDay(String id, int capacity, ZoneId zone) {
            EnumMap<DayOfWeek, List<LocalHours>> week = new EnumMap<>(DayOfWeek.class);
            for (DayOfWeek d : DayOfWeek.values()) {
                week.put(d, List.of(LocalHours.of("00:00-24:00")));
            }
            return new StatsResource(id, capacity, zone, week);
        }

        /**
         * A resource with hours written as {@code "Mo 09:00-12:00,13:00-18:00"} per entry, one
         * entry per open day ({@code Mo Tu We Th Fr Sa Su}).
         *
         * @param id       the resource's id
         * @param capacity its seats, positive
         * @param zone     the zone its hours are local to
         * @param days     one entry per open day, each a day name, a space, and its ranges,
         *                 comma-separated
         * @return the resource
         */
        public static StatsResource of(String id, int capacity, ZoneId zone, String... days) {
            EnumMap<DayOfWeek, List<LocalHours>> week = new EnumMap<>(DayOfWeek.class);
            for (String day : days) {
                String[] parts = day.trim().split(" ");
                List<LocalHours> hours = new ArrayList<>();
                for (String range : parts[1].split(",")) {
                    hours.add(LocalHours.of(range));
                }
                week.put(dayOf(parts[0]), hours);
            }
            return new StatsResource(id, capacity, zone, week);
        }

        /**
         * The hours in the core's compact text form, each open day on its own.
         *
         * @return the open days' ranges, such as
         *         {@code Mo 09:00-12:00,13:00-18:00; Tu 09:00-18:00}, in day order
         */
        public String hoursText() {
            List<String> rules = new ArrayList<>();
            week.forEach((day, hours) -> {
                if (!hours.isEmpty()) {
                    rules.add(dayName(day) + " " + String.join(",", hours.stream().map(LocalHours::toString).toList()));
                }
            });
            return String.join("; ", rules);
        }

        /**
         * The core's resource of {@code tenantId} with these hours and seats.
         *
         * @param tenantId the tenant to give the resource to
         * @return a resource named {@code Stats <id>}
         */
        public Resource resource(String tenantId) {
            return new Resource(tenantId, id, "Stats " + id, OpeningHours.parse(hoursText(), zone), capacity);
        }

        /**
         * Whether the resource is open at the local wall time {@code local}: a range of that day
         * holds it, or a range of the day before that runs past midnight still does.
         *
         * @param local a wall time in the resource's zone
         * @return true if the resource is open then
         */
        public boolean isOpenAt(LocalDateTime local) {
            LocalTime t = local.toLocalTime();
            for (LocalHours h : week.getOrDefault(local.getDayOfWeek(), List.of())) {
                if (h.pastMidnight() ? !t.isBefore(h.from()) : !t.isBefore(h.from()) && t.isBefore(h.to())) {
                    return true;
                }
            }
            for (LocalHours h : week.getOrDefault(local.getDayOfWeek().minus(1), List.of())) {
                if (h.pastMidnight() && t.isBefore(h.to())) {
                    return true;
                }
            }
            return false;
        }

        /** Fails if an end of the hours is a wall time that does not exist, or exists twice, on a date. */
        void requireUnambiguousEnds(LocalDate first, LocalDate last) {
            for (LocalDate date = first; !date.isAfter(last); date = date.plusDays(1)) {
                for (LocalHours h : week.getOrDefault(date.getDayOfWeek(), List.of())) {
                    requireOneOffset(LocalDateTime.of(date, h.from()));
                    requireOneOffset(LocalDateTime.of(h.pastMidnight() ? date.plusDays(1) : date, h.to()));
                }
            }
        }

        private void requireOneOffset(LocalDateTime local) {
            if (zone.getRules().getValidOffsets(local).size() != 1) {
                throw new IllegalArgumentException(id + ": the hours end at " + local + " in " + zone
                        + ", in a daylight-saving gap or overlap, where wall time alone cannot say when it is open");
            }
        }

        private static DayOfWeek dayOf(String name) {
            for (DayOfWeek d : DayOfWeek.values()) {
                if (dayName(d).equals(name)) {
                    return d;
                }
            }
            throw new IllegalArgumentException("not a day: " + name);
        }

        private static String dayName(DayOfWeek day) {
            String n = day.name();
            return n.charAt(0) + n.substring(1, 2).toLowerCase(Locale.ROOT);
        }
    }

    /**
     * The statistics of {@code resources} over {@code window} as the engine at {@code now} must
     * compute them, from {@code bookings} (one tenant's, any resources: those on none of
     * {@code resources} are left out) and each template's cancellation cutoff (zero for a
     * template not in {@code cutoffs}). The resources are reported by id.
     *
     * @param bookings  one tenant's bookings, in any status; every instant a whole minute
     * @param resources the resources to report, in any order; they are reported sorted by id
     * @param cutoffs   each template's cancellation cutoff, by template name
     * @param window    the window, from and to a whole minute
     * @param now       the instant the statistics are computed at, as the engine's clock would read
     *                  it
     * @return the statistics
     * @throws IllegalArgumentException if an instant is not a whole minute, or an end of a
     *                                  resource's hours falls into a daylight-saving gap or overlap
     *                                  on a day of the window
     */
    public static BookingStats expected(Collection<Booking> bookings, List<StatsResource> resources,
                                        Map<String, Duration> cutoffs, Interval window, Instant now) {
        requireWholeMinute(window.getStart(), "window start");
        requireWholeMinute(window.getEnd(), "window end");
        int minutes = (int) ChronoUnit.MINUTES.between(window.getStart(), window.getEnd());
        List<StatsResource> byId = resources.stream().sorted(Comparator.comparing(StatsResource::id)).toList();
        for (Booking b : bookings) {
            requireWholeMinute(b.interval().getStart(), b.id() + " start");
            requireWholeMinute(b.interval().getEnd(), b.id() + " end");
            requireWholeMinute(b.occupied().getStart(), b.id() + " occupied start");
            requireWholeMinute(b.occupied().getEnd(), b.id() + " occupied end");
        }

        long[] hourSeatMinutes = new long[WEEK_HOURS];
        Tally total = new Tally();
        List<ResourceStats> each = new ArrayList<>();
        long[] allTime = new long[6];
        for (StatsResource r : byId) {
            r.requireUnambiguousEnds(window.getStart().atZone(r.zone()).toLocalDate().minusDays(1),
                    window.getEnd().atZone(r.zone()).toLocalDate().plusDays(1));
            boolean[] open = new boolean[minutes];
            int[] hourOfWeek = new int[minutes];
            long openMinutes = 0;
            for (int i = 0; i < minutes; i++) {
                LocalDateTime local = ZonedDateTime.ofInstant(window.getStart().plus(i, ChronoUnit.MINUTES), r.zone())
                        .toLocalDateTime();
                open[i] = r.isOpenAt(local);
                openMinutes += open[i] ? 1 : 0;
                hourOfWeek[i] = (local.getDayOfWeek().getValue() - 1) * 24 + local.getHour();
            }
            // offered, booked, booked outside hours, held, pending, buffers: seat-minutes
            long[] time = new long[6];
            time[0] = openMinutes * r.capacity();
            Tally counts = new Tally();
            for (Booking b : bookings) {
                if (!b.resourceIds().contains(r.id())) {
                    continue;
                }
                if (window.contains(b.interval().getStart())) {
                    counts.add(b, cutoffs, now);
                }
                boolean booked = BOOKED.contains(b.status());
                for (Instant m = b.occupied().getStart(); m.isBefore(b.occupied().getEnd());
                     m = m.plus(1, ChronoUnit.MINUTES)) {
                    if (!window.contains(m)) {
                        continue;
                    }
                    int i = (int) ChronoUnit.MINUTES.between(window.getStart(), m);
                    boolean own = b.interval().contains(m);
                    int seats = b.partySize();
                    if (!own) {
                        time[5] += booked ? seats : 0;
                    } else if (booked) {
                        time[open[i] ? 1 : 2] += seats;
                        hourSeatMinutes[hourOfWeek[i]] += seats;
                    } else if (b.status() == BookingStatus.HELD && open[i]) {
                        time[3] += seats;
                    } else if (b.status() == BookingStatus.PENDING && open[i]) {
                        time[4] += seats;
                    }
                }
            }
            for (int k = 0; k < time.length; k++) {
                allTime[k] += time[k];
            }
            each.add(new ResourceStats(r.id(), r.capacity(), counts.counts(), seatTime(time)));
        }

        List<Duration> leads = new ArrayList<>();
        for (Booking b : bookings) {
            boolean inScope = byId.stream().anyMatch(r -> b.resourceIds().contains(r.id()));
            if (inScope && window.contains(b.interval().getStart())) {
                total.add(b, cutoffs, now);
                if (requested(b)) {
                    leads.add(Duration.between(b.createdAt(), b.interval().getStart()));
                }
            }
        }
        List<HourOfWeek> week = new ArrayList<>();
        for (int h = 0; h < WEEK_HOURS; h++) {
            week.add(new HourOfWeek(DayOfWeek.of(h / 24 + 1), h % 24, Duration.ofMinutes(hourSeatMinutes[h])));
        }
        return new BookingStats(window, now, total.counts(), seatTime(allTime), leadTimes(leads), week, each);
    }

    /**
     * What differs between {@code expected} and {@code actual}, component by component (each hour
     * of the week and each resource on its own), for a failure message; empty when they are equal.
     *
     * @param expected what {@link #expected} computed
     * @param actual   what the store or the engine gave
     * @return one line per difference, saying what was expected and what it was
     */
    public static List<String> differences(BookingStats expected, BookingStats actual) {
        List<String> out = new ArrayList<>();
        differ(out, "window", expected.window(), actual.window());
        differ(out, "asOf", expected.asOf(), actual.asOf());
        differ(out, "counts", expected.counts(), actual.counts());
        differ(out, "seatTime", expected.seatTime(), actual.seatTime());
        differ(out, "leadTimes", expected.leadTimes(), actual.leadTimes());
        for (int h = 0; h < Math.min(expected.busiestHours().size(), actual.busiestHours().size()); h++) {
            HourOfWeek e = expected.busiestHours().get(h);
            differ(out, "hour " + e.day() + " " + e.hour(), e, actual.busiestHours().get(h));
        }
        differ(out, "resource ids", expected.resources().stream().map(ResourceStats::resourceId).toList(),
                actual.resources().stream().map(ResourceStats::resourceId).toList());
        for (int i = 0; i < Math.min(expected.resources().size(), actual.resources().size()); i++) {
            ResourceStats e = expected.resources().get(i);
            ResourceStats a = actual.resources().get(i);
            differ(out, e.resourceId() + " capacity", e.capacity(), a.capacity());
            differ(out, e.resourceId() + " counts", e.counts(), a.counts());
            differ(out, e.resourceId() + " seatTime", e.seatTime(), a.seatTime());
        }
        return out;
    }

    private static void differ(List<String> out, String what, Object expected, Object actual) {
        if (!Objects.equals(expected, actual)) {
            out.add(what + ": expected " + expected + " but was " + actual);
        }
    }

    /** Ever confirmed or pending: a transition of its history goes to one of them. */
    static boolean requested(Booking b) {
        for (Transition t : b.history()) {
            if (t.to() == BookingStatus.CONFIRMED || t.to() == BookingStatus.PENDING) {
                return true;
            }
        }
        return false;
    }

    /**
     * A cancellation (CANCELLED, and ever requested) that staff or an admin made less than the
     * template's cutoff before the start, that is at an instant after start − cutoff.
     */
    static boolean cancelledLate(Booking b, Map<String, Duration> cutoffs) {
        if (b.status() != BookingStatus.CANCELLED || !requested(b)) {
            return false;
        }
        Transition cancel = null;
        for (Transition t : b.history()) {
            if (t.to() == BookingStatus.CANCELLED) {
                cancel = t;
            }
        }
        if (cancel == null || (cancel.actor().role() != Role.STAFF && cancel.actor().role() != Role.ADMIN)) {
            return false;
        }
        Duration cutoff = cutoffs.getOrDefault(b.templateName(), Duration.ZERO);
        Duration before = Duration.between(cancel.at(), b.interval().getStart());
        return before.compareTo(cutoff) < 0;
    }

    private static SeatTime seatTime(long[] m) {
        return new SeatTime(Duration.ofMinutes(m[0]), Duration.ofMinutes(m[1]), Duration.ofMinutes(m[2]),
                Duration.ofMinutes(m[3]), Duration.ofMinutes(m[4]), Duration.ofMinutes(m[5]));
    }

    /**
     * Percentiles as the Javadoc words them: the p-th is the smallest of the lead times that at
     * least p% of them are at most.
     */
    private static LeadTimes leadTimes(List<Duration> leads) {
        List<Long> bins = new ArrayList<>();
        for (int i = 0; i <= LeadTimes.BIN_BOUNDS.size(); i++) {
            bins.add(0L);
        }
        for (Duration lead : leads) {
            int bin = LeadTimes.BIN_BOUNDS.size();
            for (int i = LeadTimes.BIN_BOUNDS.size() - 1; i >= 0; i--) {
                if (lead.compareTo(LeadTimes.BIN_BOUNDS.get(i)) < 0) {
                    bin = i;
                }
            }
            bins.set(bin, bins.get(bin) + 1);
        }
        return LeadTimes.of(percentile(leads, 50), percentile(leads, 90), bins);
    }

    private static Optional<Duration> percentile(List<Duration> leads, int p) {
        Duration best = null;
        for (Duration candidate : leads) {
            long atMost = leads.stream().filter(d -> d.compareTo(candidate) <= 0).count();
            if (atMost * 100 >= (long) p * leads.size() && (best == null || candidate.compareTo(best) < 0)) {
                best = candidate;
            }
        }
        return Optional.ofNullable(best);
    }

    private static void requireWholeMinute(Instant t, String what) {
        if (t.getEpochSecond() % 60 != 0 || t.getNano() != 0) {
            throw new IllegalArgumentException(what + " " + t + " is not a whole minute; the model counts minutes");
        }
    }

    /** Counts of bookings that start in the window, kept as the definitions of {@link Counts} word them. */
    private static final class Tally {
        private final EnumMap<BookingStatus, Long> byStatus = new EnumMap<>(BookingStatus.class);
        private long requested;
        private long cancelled;
        private long late;
        private long noShows;
        private long completed;

        void add(Booking b, Map<String, Duration> cutoffs, Instant now) {
            byStatus.merge(b.status(), 1L, Long::sum);
            if (requested(b)) {
                requested++;
                if (b.status() == BookingStatus.CANCELLED) {
                    cancelled++;
                }
            }
            if (cancelledLate(b, cutoffs)) {
                late++;
            }
            if (!b.interval().getStart().isAfter(now)) {
                noShows += b.status() == BookingStatus.NO_SHOW ? 1 : 0;
                completed += b.status() == BookingStatus.COMPLETED ? 1 : 0;
            }
        }

        Counts counts() {
            return new Counts(byStatus, new Rate(cancelled, requested), late, new Rate(noShows, noShows + completed));
        }
    }
}
