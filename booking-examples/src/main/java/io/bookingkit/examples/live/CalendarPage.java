package io.bookingkit.examples.live;

import io.bookingkit.booking.Booking;
import io.bookingkit.booking.BookingStatus;
import io.bookingkit.slot.Slot;
import io.bookingkit.time.WallClock;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import org.threeten.extra.Interval;

/**
 * A resource's week as HTML: the calendar the live page shows, as a self-contained file that
 * needs neither a server nor JavaScript. Both pages render through this class and share one
 * stylesheet, so they look the same.
 *
 * <p>The calendar has a column per local day in the resource's zone: opening hours shaded, free
 * slots on the left of each day, bookings on the right, coloured by status. Times are wall-clock
 * times in the resource's zone. Every slot and booking carries {@code data-start} and
 * {@code data-end} (ISO-8601 instants); bookings also {@code data-id} and {@code data-status}.
 */
public final class CalendarPage {

    private static final String STYLESHEET = "calendar.css";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM", Locale.ENGLISH);
    private static final DateTimeFormatter LONG_DAY = DateTimeFormatter.ofPattern("EEE d MMM uuuu", Locale.ENGLISH);
    private static final int MINUTES_PER_DAY = 24 * 60;
    // With nothing to show, the calendar still spans a working day rather than collapsing.
    private static final int EMPTY_FIRST_HOUR = 8;
    private static final int EMPTY_LAST_HOUR = 18;
    // Shares of a day's column: slots on the left, bookings on the right.
    private static final double SLOTS_LEFT = 2;
    private static final double SLOTS_WIDTH = 40;
    private static final double BOOKINGS_LEFT = 45;
    private static final double BOOKINGS_WIDTH = 53;
    private static final Set<BookingStatus> CANCELLABLE = EnumSet.of(BookingStatus.HELD, BookingStatus.PENDING,
            BookingStatus.CONFIRMED);

    private CalendarPage() {
    }

    /**
     * Writes the week as a self-contained HTML file (styles inline, no scripts, nothing
     * loaded from elsewhere), creating its directory when missing.
     *
     * @param week the week to show
     * @param file where to write it; replaced if it exists
     * @return {@code file}
     * @throws UncheckedIOException if the file cannot be written
     */
    public static Path write(CalendarWeek week, Path file) {
        Objects.requireNonNull(week, "week");
        Objects.requireNonNull(file, "file");
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            return Files.writeString(file, html(week), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the calendar page " + file, e);
        }
    }

    /**
     * The week as a complete, self-contained HTML document, as {@link #write} writes it.
     *
     * @param week the week to show
     * @return the document
     */
    public static String html(CalendarWeek week) {
        Objects.requireNonNull(week, "week");
        String title = week.resource().name() + ", week of " + LONG_DAY.format(week.start());
        return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                + "<title>" + escape(title) + "</title>\n<style>\n" + stylesheet() + "</style>\n</head>\n"
                + "<body class=\"bk-page\">\n<h1>" + escape(title) + "</h1>\n"
                + grid(week, false) + "</body>\n</html>\n";
    }

    /** The stylesheet both pages use. */
    static String stylesheet() {
        try (InputStream in = CalendarPage.class.getResourceAsStream(STYLESHEET)) {
            if (in == null) {
                throw new IllegalStateException("The calendar's stylesheet " + STYLESHEET + " is missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The calendar itself: a heading with the zone, the grid of days and the legend. On the live
     * page ({@code live}), slots are focusable buttons and open bookings have a cancel button;
     * the page's script handles both.
     */
    static String grid(CalendarWeek week, boolean live) {
        ZoneId zone = week.resource().zone();
        List<LocalDate> dates = week.dates();
        List<List<Piece>> open = new ArrayList<>();
        List<List<Piece>> slots = new ArrayList<>();
        List<List<Piece>> bookings = new ArrayList<>();
        for (LocalDate date : dates) {
            open.add(pieces(date, zone, week.open(), i -> i));
            slots.add(tile(pieces(date, zone, week.slots(), Slot::interval)));
            bookings.add(pieces(date, zone, week.bookings(), Booking::interval));
        }
        int first = EMPTY_FIRST_HOUR * 60;
        int last = EMPTY_LAST_HOUR * 60;
        List<Piece> all = new ArrayList<>();
        open.forEach(all::addAll);
        slots.forEach(all::addAll);
        bookings.forEach(all::addAll);
        if (!all.isEmpty()) {
            first = all.stream().mapToInt(Piece::from).min().orElseThrow() / 60 * 60;
            last = Math.min(MINUTES_PER_DAY, (all.stream().mapToInt(Piece::to).max().orElseThrow() + 59) / 60 * 60);
        }
        Span span = new Span(first, last);

        StringBuilder html = new StringBuilder();
        html.append("<section class=\"bk-calendar\" data-resource=\"").append(escape(week.resource().id()))
                .append("\" data-start=\"").append(week.start()).append("\" data-zone=\"").append(escape(zone.getId()))
                .append("\" data-template=\"").append(escape(week.templateName())).append("\">\n");
        html.append("<p class=\"bk-caption\">").append(escape(week.resource().name())).append(" · ")
                .append(escape(week.templateName())).append(" · ").append(DAY.format(dates.get(0))).append(" – ")
                .append(LONG_DAY.format(dates.get(dates.size() - 1))).append(" · times in ").append(escape(zone.getId()))
                .append("</p>\n");
        html.append("<div class=\"bk-week\" style=\"--bk-hours: ").append((last - first) / 60).append("\">\n");
        html.append("<div class=\"bk-corner\"></div>\n");
        for (LocalDate date : dates) {
            html.append("<div class=\"bk-dayname\" data-date=\"").append(date).append("\">")
                    .append(DAY.format(date)).append("</div>\n");
        }
        html.append("<div class=\"bk-hours\">\n");
        for (int minute = first; minute < last; minute += 60) {
            html.append("<div class=\"bk-hour\" style=\"top: ").append(span.top(minute)).append("%\">")
                    .append(String.format(Locale.ROOT, "%02d:00", minute / 60)).append("</div>\n");
        }
        html.append("</div>\n");
        for (int d = 0; d < dates.size(); d++) {
            html.append("<div class=\"bk-day\" data-date=\"").append(dates.get(d)).append("\">\n");
            for (int minute = first + 60; minute < last; minute += 60) {
                html.append("<div class=\"bk-line\" style=\"top: ").append(span.top(minute)).append("%\"></div>\n");
            }
            for (Piece piece : open.get(d)) {
                html.append("<div class=\"bk-open\" style=\"").append(span.vertical(piece)).append("\" title=\"open ")
                        .append(range(piece)).append("\"></div>\n");
            }
            for (Piece piece : slots.get(d)) {
                slot(html, (Slot) piece.item(), piece, span, zone, live);
            }
            List<Piece> day = bookings.get(d);
            int[] lanes = lanes(day);
            int laneCount = 1 + java.util.Arrays.stream(lanes).max().orElse(0);
            for (int i = 0; i < day.size(); i++) {
                booking(html, (Booking) day.get(i).item(), day.get(i), span, zone, live, lanes[i], laneCount);
            }
            html.append("</div>\n");
        }
        html.append("</div>\n");
        legend(html);
        html.append("</section>\n");
        return html.toString();
    }

    private static void slot(StringBuilder html, Slot slot, Piece piece, Span span, ZoneId zone, boolean live) {
        String label = TIME.format(slot.interval().getStart().atZone(zone));
        html.append("<div class=\"bk-slot\"");
        if (live) {
            html.append(" role=\"button\" tabindex=\"0\"");
        }
        html.append(" data-start=\"").append(slot.interval().getStart()).append("\" data-end=\"")
                .append(slot.interval().getEnd()).append("\" data-seats=\"").append(slot.remainingSeats())
                .append("\" style=\"").append(span.vertical(piece)).append(" left: ").append(percent(SLOTS_LEFT))
                .append("%; width: ").append(percent(SLOTS_WIDTH)).append("%\" title=\"free ")
                .append(range(slot.interval(), zone)).append(seats(slot.remainingSeats()))
                .append(live ? ": click to book" : "").append("\">")
                .append(label).append("</div>\n");
    }

    private static String seats(int remaining) {
        return remaining == 1 ? "" : ", " + remaining + " seats left";
    }

    private static void booking(StringBuilder html, Booking booking, Piece piece, Span span, ZoneId zone, boolean live,
                                int lane, int laneCount) {
        double width = BOOKINGS_WIDTH / laneCount;
        String status = booking.status().name();
        String text = range(booking.interval(), zone) + " " + booking.customerId()
                + (booking.partySize() > 1 ? " ×" + booking.partySize() : "");
        html.append("<div class=\"bk-booking\" data-id=\"").append(escape(booking.id())).append("\" data-status=\"")
                .append(status).append("\" data-start=\"").append(booking.interval().getStart()).append("\" data-end=\"")
                .append(booking.interval().getEnd()).append("\" style=\"").append(span.vertical(piece))
                .append(" left: ").append(percent(BOOKINGS_LEFT + lane * width)).append("%; width: ")
                .append(percent(width)).append("%\" title=\"").append(escape(text)).append(" (")
                .append(status).append(", ").append(escape(booking.templateName())).append(")\">")
                .append("<span class=\"bk-text\">").append(escape(text)).append("</span> <span class=\"bk-state\">")
                .append(status.toLowerCase(Locale.ROOT).replace('_', ' ')).append("</span>");
        if (live && CANCELLABLE.contains(booking.status())) {
            html.append("<button type=\"button\" class=\"bk-cancel\" data-id=\"").append(escape(booking.id()))
                    .append("\" title=\"cancel this booking\">×</button>");
        }
        html.append("</div>\n");
    }

    private static void legend(StringBuilder html) {
        html.append("<ul class=\"bk-legend\">\n<li><span class=\"bk-swatch bk-open-swatch\"></span>open</li>\n")
                .append("<li><span class=\"bk-swatch bk-slot-swatch\"></span>free slot</li>\n");
        for (BookingStatus status : BookingStatus.values()) {
            html.append("<li><span class=\"bk-swatch bk-booking\" data-status=\"").append(status.name())
                    .append("\"></span>").append(status.name().toLowerCase(Locale.ROOT).replace('_', ' '))
                    .append("</li>\n");
        }
        html.append("</ul>\n");
    }

    /** Part of an item on one local day, in minutes of wall-clock time from that day's midnight. */
    private record Piece(Object item, int from, int to) {
    }

    /** The visible hours of the grid, from {@code first} to {@code last} minute of the day. */
    private record Span(int first, int last) {

        String top(int minute) {
            return percent(100.0 * (minute - first) / (last - first));
        }

        String vertical(Piece piece) {
            return "top: " + top(piece.from()) + "%; height: " + percent(100.0 * (piece.to() - piece.from()) / (last - first)) + "%;";
        }
    }

    /**
     * The parts of {@code items} on {@code date}. Minutes are wall-clock minutes, not elapsed
     * time, so that on a daylight-saving day an item sits beside the hour label it starts at.
     */
    private static <T> List<Piece> pieces(LocalDate date, ZoneId zone, List<T> items, Function<T, Interval> interval) {
        Interval day = WallClock.day(date, zone);
        List<Piece> pieces = new ArrayList<>();
        for (T item : items) {
            Interval i = interval.apply(item);
            if (!i.getStart().isBefore(day.getEnd()) || !i.getEnd().isAfter(day.getStart())) {
                continue;
            }
            int from = i.getStart().isAfter(day.getStart()) ? minuteOfDay(i.getStart(), zone) : 0;
            int to = i.getEnd().isBefore(day.getEnd()) ? minuteOfDay(i.getEnd(), zone) : MINUTES_PER_DAY;
            if (to <= from) {
                // Within the hour a fall-back night repeats: the wall clock went backwards.
                Instant start = i.getStart().isAfter(day.getStart()) ? i.getStart() : day.getStart();
                Instant end = i.getEnd().isBefore(day.getEnd()) ? i.getEnd() : day.getEnd();
                to = Math.min(MINUTES_PER_DAY, from + (int) Math.max(1, Duration.between(start, end).toMinutes()));
            }
            pieces.add(new Piece(item, from, to));
        }
        pieces.sort(Comparator.comparingInt(Piece::from));
        return pieces;
    }

    private static int minuteOfDay(Instant instant, ZoneId zone) {
        return instant.atZone(zone).toLocalTime().toSecondOfDay() / 60;
    }

    /**
     * Slots whose lengths exceed their step would cover each other: each is drawn only up to
     * the next one's start, so every start stays visible and clickable.
     */
    private static List<Piece> tile(List<Piece> slots) {
        List<Piece> tiled = new ArrayList<>(slots.size());
        for (int i = 0; i < slots.size(); i++) {
            Piece piece = slots.get(i);
            int to = i + 1 < slots.size() ? Math.min(piece.to(), Math.max(piece.from() + 1, slots.get(i + 1).from())) : piece.to();
            tiled.add(new Piece(piece.item(), piece.from(), to));
        }
        return tiled;
    }

    /** Side-by-side lanes for overlapping bookings: each takes the first lane free at its start. */
    private static int[] lanes(List<Piece> pieces) {
        int[] lanes = new int[pieces.size()];
        List<Integer> laneEnds = new ArrayList<>();
        for (int i = 0; i < pieces.size(); i++) {
            Piece piece = pieces.get(i);
            int lane = 0;
            while (lane < laneEnds.size() && laneEnds.get(lane) > piece.from()) {
                lane++;
            }
            if (lane == laneEnds.size()) {
                laneEnds.add(piece.to());
            } else {
                laneEnds.set(lane, piece.to());
            }
            lanes[i] = lane;
        }
        return lanes;
    }

    private static String range(Piece piece) {
        return String.format(Locale.ROOT, "%02d:%02d-%02d:%02d", piece.from() / 60, piece.from() % 60,
                piece.to() / 60, piece.to() % 60);
    }

    private static String range(Interval interval, ZoneId zone) {
        return TIME.format(interval.getStart().atZone(zone)) + "-" + TIME.format(interval.getEnd().atZone(zone));
    }

    private static String percent(double value) {
        return String.format(Locale.ROOT, "%.3f", value);
    }

    /** {@code text} safe inside HTML text and double-quoted attributes. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
