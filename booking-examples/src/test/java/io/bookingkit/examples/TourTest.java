package io.bookingkit.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The tour README's first command runs: it completes on embedded H2 and tells its story. */
class TourTest {

    @Test
    void runsOnEmbeddedH2AndShowsEachStep() {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            Tour.main(new String[0]);
        } finally {
            System.setOut(original);
        }
        String out = captured.toString(StandardCharsets.UTF_8);
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
                "| confirm | PENDING | CONFIRMED | STAFF, ADMIN |"}) {
            assertTrue(out.contains(expected), "the tour should print '" + expected + "', but printed:\n" + out);
        }
    }
}
