package io.bookingkit.examples;

import io.bookingkit.schedule.OpeningHours;
import io.bookingkit.time.IntervalSet;
import java.io.PrintStream;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.threeten.extra.Interval;

/**
 * The example tour: run it with {@code mvn -q -pl booking-examples -am compile exec:java}.
 * Each step prints what the library computes, so the output reads as a walkthrough.
 */
public final class Tour {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE yyyy-MM-dd", Locale.ENGLISH);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH);

    private Tour() {
    }

    public static void main(String[] args) {
        PrintStream out = System.out;
        openingHoursWeek(out);
    }

    /** A barber in Buenos Aires: a lunch break, a late Friday, Christmas off. */
    static void openingHoursWeek(PrintStream out) {
        ZoneId zone = ZoneId.of("America/Argentina/Buenos_Aires");
        OpeningHours hours = OpeningHours.parse(
                "Mo-Fr 09:00-13:00,14:00-19:00; Sa 10:00-14:00; 12-25 off; 2026-12-24 09:00-12:00", zone);
        out.println("== Opening hours of 'Barbería Centro' (" + zone + ")");
        out.println("   " + hours.toText());
        LocalDate monday = LocalDate.of(2026, 12, 21);
        Interval week = Interval.of(monday.atStartOfDay(zone).toInstant(),
                monday.plusDays(7).atStartOfDay(zone).toInstant());
        IntervalSet open = hours.openIntervals(week);
        for (LocalDate date = monday; date.isBefore(monday.plusDays(7)); date = date.plusDays(1)) {
            Interval day = Interval.of(date.atStartOfDay(zone).toInstant(), date.plusDays(1).atStartOfDay(zone).toInstant());
            StringBuilder line = new StringBuilder();
            for (Interval interval : open.intersection(day)) {
                line.append(line.length() == 0 ? "" : ", ")
                        .append(local(interval.getStart(), zone)).append('-').append(local(interval.getEnd(), zone));
            }
            out.printf("   %s  %s%n", DAY.format(date), line.length() == 0 ? "closed" : line);
        }
        out.println("   open " + open.totalDuration().toHours() + " hours that week");
        out.println();
    }

    private static String local(java.time.Instant instant, ZoneId zone) {
        return TIME.format(ZonedDateTime.ofInstant(instant, zone));
    }
}
