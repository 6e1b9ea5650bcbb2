package io.bookingkit.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The tour README's first command runs: it completes on embedded H2 and tells its story. */
class TourTest {

    @Test
    void runsOnEmbeddedH2AndShowsEachStep() throws IOException {
        String out = StandardOutput.of(() -> Tour.main(new String[0]));
        for (String expected : new String[] {
                "== Store: H2",
                "Mon 2026-12-21  09:00-13:00, 14:00-19:00",
                "Fri 2026-12-25  closed",
                "open 34 hours that week",
                "booked", "ya está ocupado",
                "to Valentina <valentina@example.com.ar>: Turno confirmado: sábado, 26 de diciembre de 2026, 11:00",
                "Podés cancelar o cambiar el turno hasta 24 horas antes del horario.",
                "retry with the same idempotency key returns the same booking: true",
                "lucia cancels (more than 24 h ahead): CANCELLED",
                "ana asks for 09:00: PENDING",
                "reception confirms: CONFIRMED",
                "ben takes 09:20, reception declines: DECLINED",
                "carla asks for a time that is too soon: [min-notice]",
                "after five pairs: 2 seats left at 18:00",
                "| confirm | PENDING | CONFIRMED | STAFF, ADMIN |",
                "tomas cancels today's 17:00 at 09:00: [cancellation-cutoff] Podés cancelar hasta ",
                "32 customers click Saturday 10:00 at once: 1 winner, 31 refused; the store holds 1 booking for the slot",
                "bookings in November; by status: COMPLETED ",
                "cancellations ", "no-shows ", "booked ahead: median ", "busiest hours: ",
                "refused, BUFFER conflict with ",
                "mia's entry is OFFERED: a HELD seat",
                "1 class kept (Tuesday 18:00, 11 seats), 1 cancelled (Wednesday 07:00, now 0 seats)",
                "#1 Tue 2026-10-20 18:00 +02:00  = 16:00 UTC",
                "#2 Tue 2026-10-27 18:00 +01:00  = 17:00 UTC"}) {
            assertTrue(out.contains(expected), "the tour should print '" + expected + "', but printed:\n" + out);
        }
        String prefix = "ana's appointment for her phone's calendar: ";
        String named = out.lines().filter(line -> line.contains(prefix)).findFirst()
                .orElseThrow(() -> new AssertionError("the tour should name the .ics file:\n" + out));
        Path ics = Path.of(named.substring(named.indexOf(prefix) + prefix.length()));
        String calendar = Files.readString(ics);
        for (String line : List.of("BEGIN:VCALENDAR", "STATUS:CONFIRMED", "DTSTART;TZID=Europe/Madrid:20261223T090000")) {
            assertTrue(calendar.contains(line), ics + " should hold " + line + ":\n" + calendar);
        }
        // The static calendars: the barber's chair holds the week's bookings, the studio its classes.
        assertCalendar(out, "Silla de Martín: ", "data-status=\"CONFIRMED\"", "data-status=\"CANCELLED\"");
        assertCalendar(out, "Room A: ", "data-status=\"CONFIRMED\"", "2026-12-22T17:00:00Z");
    }

    private static void assertCalendar(String out, String prefix, String... expected) throws IOException {
        String named = out.lines().filter(line -> line.contains(prefix) && line.contains("file:")).findFirst()
                .orElseThrow(() -> new AssertionError("the tour should name " + prefix + "'s calendar page:\n" + out));
        Path page = Path.of(URI.create(named.substring(named.indexOf(prefix) + prefix.length()).trim()));
        String html = Files.readString(page);
        for (String part : expected) {
            assertTrue(html.contains(part), page + " should hold " + part);
        }
    }
}
