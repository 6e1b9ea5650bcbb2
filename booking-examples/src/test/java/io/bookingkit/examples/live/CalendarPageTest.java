package io.bookingkit.examples.live;

import static io.bookingkit.examples.live.LiveServerTest.BUENOS_AIRES;
import static io.bookingkit.examples.live.LiveServerTest.MONDAY;
import static io.bookingkit.examples.live.LiveServerTest.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.bookingkit.BookingEngine;
import io.bookingkit.booking.Actor;
import io.bookingkit.booking.Booking;
import io.bookingkit.booking.BookingRequest;
import io.bookingkit.memory.InMemoryBookingStore;
import io.bookingkit.resource.Resource;
import io.bookingkit.schedule.OpeningHours;
import io.bookingkit.template.TemplateCatalog;
import io.bookingkit.time.WallClock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The static calendar: one resource's week as a self-contained HTML file, in the resource's zone. */
class CalendarPageTest {

    private static final String TENANT = "shop";

    @TempDir
    Path dir;

    private BookingEngine engine(Instant now) {
        return BookingEngine.builder().store(new InMemoryBookingStore()).clock(Clock.fixed(now, ZoneOffset.UTC))
                .templates(TemplateCatalog.verticals()).build();
    }

    @Test
    void writesTheWeekWithItsHoursSlotsAndBookingsAsOneFileWithoutScripts() throws IOException {
        BookingEngine engine = engine(LiveServerTest.NOW);
        engine.resources().register(Resource.of(TENANT, "chair-1", "Silla de Martín",
                OpeningHours.parse(LiveServerTest.HOURS, BUENOS_AIRES)));
        Booking confirmed = book(engine, at(MONDAY.plusDays(1), 10, 0), "Lucía");
        Booking cancelled = book(engine, at(MONDAY.plusDays(1), 11, 0), "Diego");
        engine.cancel(cancelled.id(), Actor.staff(TENANT, "desk", Set.of("chair-1")), "ill");
        Actor desk = Actor.staff(TENANT, "desk", Set.of("chair-1"));

        CalendarWeek week = CalendarWeek.read(engine, desk, "chair-1", "barber", MONDAY);
        Path file = CalendarPage.write(week, dir.resolve("pages/chair-1.html"));

        assertThat(file).isEqualTo(dir.resolve("pages/chair-1.html")).isRegularFile();
        String html = Files.readString(file, StandardCharsets.UTF_8);
        assertThat(html).startsWith("<!DOCTYPE html>").contains("<style>").contains(".bk-week {")
                .contains("Silla de Martín, week of Mon 21 Dec 2026")
                .contains("times in America/Argentina/Buenos_Aires")
                .doesNotContain("<script").doesNotContain("<link").doesNotContain("http://").doesNotContain("https://")
                .doesNotContain("class=\"bk-cancel\"").doesNotContain("role=\"button\" tabindex");
        assertThat(count(html, "class=\"bk-day\"")).isEqualTo(7);
        assertThat(count(html, "class=\"bk-open\"")).isEqualTo(5 * 2 + 1);
        assertThat(html).contains("data-id=\"" + confirmed.id() + "\" data-status=\"CONFIRMED\" data-start=\""
                + confirmed.interval().getStart() + "\"");
        assertThat(html).contains("data-id=\"" + cancelled.id() + "\" data-status=\"CANCELLED\"");
        // Wall-clock times of Buenos Aires, though the instants are UTC (13:00Z).
        assertThat(html).contains("10:00-10:30 Lucía");
        assertThat(html).contains("class=\"bk-slot\" data-start=\"" + at(MONDAY.plusDays(1), 10, 30) + "\"")
                .doesNotContain("class=\"bk-slot\" data-start=\"" + confirmed.interval().getStart() + "\"");
        assertThat(html).contains("data-date=\"2026-12-27\">Sun 27 Dec");
    }

    @Test
    void theLivePageRendersTheSameCalendarWithItsControls() {
        BookingEngine engine = engine(LiveServerTest.NOW);
        engine.resources().register(Resource.of(TENANT, "chair-1", "Silla de Martín",
                OpeningHours.parse(LiveServerTest.HOURS, BUENOS_AIRES)));
        book(engine, at(MONDAY.plusDays(1), 10, 0), "Lucía");
        CalendarWeek week = CalendarWeek.read(engine, Actor.admin(TENANT, "owner"), "chair-1", "barber", MONDAY);

        String page = CalendarPage.html(week);
        String live = CalendarPage.grid(week, true);
        assertThat(live).contains("role=\"button\"").contains("class=\"bk-cancel\"");
        assertThat(page).contains(CalendarPage.grid(week, false)).contains(CalendarPage.stylesheet());
        assertThat(live.replace(" role=\"button\" tabindex=\"0\"", "").replace(": click to book", "")
                .replaceAll("<button type=\"button\" class=\"bk-cancel\"[^>]*>×</button>", ""))
                .isEqualTo(CalendarPage.grid(week, false));
    }

    @Test
    void onADaylightSavingDayItemsSitAtTheirWallClockTimes() {
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        // Sunday 2027-03-28 loses 02:00-03:00 in Berlin.
        BookingEngine engine = engine(Instant.parse("2027-03-20T08:00:00Z"));
        engine.resources().register(Resource.of(TENANT, "room", "Room", OpeningHours.parse("Mo-Su 09:00-12:00", berlin)));
        CalendarWeek week = CalendarWeek.read(engine, Actor.admin(TENANT, "owner"), "room", "barber",
                LocalDate.of(2027, 3, 22));

        String html = CalendarPage.html(week);
        String saturday = topOf(html, WallClock.toInstant(LocalDate.of(2027, 3, 27), LocalTime.of(10, 0), berlin));
        String sunday = topOf(html, WallClock.toInstant(LocalDate.of(2027, 3, 28), LocalTime.of(10, 0), berlin));
        assertThat(sunday).isEqualTo(saturday);
        assertThat(html).contains("times in Europe/Berlin").contains(">09:00</div>").contains(">11:30</div>");
    }

    private static Booking book(BookingEngine engine, Instant start, String customer) {
        return engine.book(BookingRequest.builder().template("barber").resource("chair-1").start(start).build(),
                Actor.customer(TENANT, customer));
    }

    private static String topOf(String html, Instant slotStart) {
        Matcher m = Pattern.compile("data-start=\"" + Pattern.quote(slotStart.toString()) + "\"[^>]*style=\"top: ([0-9.]+)%")
                .matcher(html);
        assertThat(m.find()).as("a slot at %s in:%n%s", slotStart, html).isTrue();
        return m.group(1);
    }

    private static int count(String text, String part) {
        int count = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            count++;
        }
        return count;
    }
}
