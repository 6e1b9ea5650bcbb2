package io.bookingkit.ical;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.StringReader;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.List;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.DateProperty;

/** Reading generated files back with ical4j, the independent parser the tests trust. */
public final class Ical4j {

    private Ical4j() {
    }

    /** The calendar ical4j reads from {@code ics}; a file it cannot read fails the test. */
    public static Calendar parse(String ics) {
        try {
            return new CalendarBuilder().build(new StringReader(ics));
        } catch (Exception e) {
            throw new AssertionError("ical4j cannot read:\n" + ics, e);
        }
    }

    /** The calendar's one event. */
    public static VEvent only(Calendar calendar) {
        List<VEvent> events = calendar.getComponents("VEVENT");
        assertEquals(1, events.size());
        return events.get(0);
    }

    /** The value of the event's property {@code name}. */
    public static String value(VEvent event, String name) {
        return event.<Property>getProperty(name).orElseThrow(() -> new AssertionError("no " + name)).getValue();
    }

    /** The value of the calendar's own property {@code name}, such as METHOD. */
    public static String property(Calendar calendar, String name) {
        return calendar.<Property>getProperty(name).orElseThrow(() -> new AssertionError("no " + name)).getValue();
    }

    /** The instant ical4j reads for the event's date property {@code name}, through the file's VTIMEZONE. */
    public static Instant instant(VEvent event, String name) {
        DateProperty<?> p = event.<DateProperty<?>>getProperty(name).orElseThrow();
        if (p.getDate() instanceof ZonedDateTime z) {
            return z.toInstant();
        }
        if (p.getDate() instanceof java.time.OffsetDateTime o) {
            return o.toInstant();
        }
        if (p.getDate() instanceof Instant i) {
            return i;
        }
        throw new AssertionError(name + " is a " + p.getDate().getClass() + ": " + p.getDate());
    }
}
