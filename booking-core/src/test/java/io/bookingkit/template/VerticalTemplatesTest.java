package io.bookingkit.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** The five templates that ship in the jar load, with the settings their verticals need. */
class VerticalTemplatesTest {

    private static final TemplateCatalog VERTICALS = TemplateCatalog.verticals();
    private static final Locale ES_AR = Locale.forLanguageTag("es-AR");

    @Test
    void allFiveLoadUnderTheirNames() {
        assertEquals(List.of("barber", "psychologist", "doctor", "field-service", "group-class"), TemplateCatalog.VERTICALS);
        assertEquals(java.util.Set.copyOf(TemplateCatalog.VERTICALS), VERTICALS.names());
        for (String name : TemplateCatalog.VERTICALS) {
            assertEquals(name, VERTICALS.get(name).name());
        }
    }

    @Test
    void barberCutsThirtyMinutesCancelsUpToADayBeforeAndSpeaksArgentineSpanish() {
        ServiceTemplate barber = VERTICALS.get("barber");
        assertEquals(Duration.ofMinutes(30), barber.minDuration());
        assertTrue(barber.hasFixedDuration());
        assertEquals(Duration.ofMinutes(30), barber.slotStep());
        assertEquals(Duration.ZERO, barber.bufferBefore());
        assertEquals(Duration.ZERO, barber.bufferAfter());
        assertEquals(Duration.ofHours(24), barber.cancellationCutoff());
        assertEquals(Duration.ofHours(1), barber.minNotice());
        assertEquals(Duration.ofDays(30), barber.horizon());
        assertTrue(barber.sameDayAllowed());
        assertEquals(ConfirmationMode.INSTANT, barber.confirmation());
        assertEquals(OptionalInt.of(1), barber.limits().perCustomerDay());
        assertEquals(OptionalInt.empty(), barber.limits().perResourceDay());
        assertEquals(ES_AR, barber.locale());
        assertEquals("es", barber.locale().getLanguage());
        assertEquals("AR", barber.locale().getCountry());
        // Reminders come sorted, earliest (longest before the start) first.
        assertEquals(List.of(Reminder.of(Duration.ofHours(24), Channel.WHATSAPP), Reminder.of(Duration.ofHours(2), Channel.SMS)),
                barber.reminders());
    }

    @Test
    void psychologistSessionIsFiftyMinutesWithTenMinutesForNotesAfter() {
        ServiceTemplate psychologist = VERTICALS.get("psychologist");
        assertEquals(Duration.ofMinutes(50), psychologist.minDuration());
        assertTrue(psychologist.hasFixedDuration());
        assertEquals(Duration.ZERO, psychologist.bufferBefore());
        assertEquals(Duration.ofMinutes(10), psychologist.bufferAfter());
        assertEquals(Duration.ofHours(1), psychologist.slotStep());
        assertEquals(Duration.ofHours(24), psychologist.minNotice());
        assertFalse(psychologist.sameDayAllowed());
        assertEquals(Duration.ofDays(90), psychologist.horizon());
        assertEquals(Duration.ofHours(48), psychologist.cancellationCutoff());
        assertEquals(ConfirmationMode.INSTANT, psychologist.confirmation());
        assertEquals(OptionalInt.of(7), psychologist.limits().perResourceDay());
        assertEquals(Locale.ENGLISH, psychologist.locale());
        // A 10:00 session keeps the practitioner until 11:00.
        var session = org.threeten.extra.Interval.of(java.time.Instant.parse("2026-06-03T10:00:00Z"), Duration.ofMinutes(50));
        assertEquals(org.threeten.extra.Interval.of(java.time.Instant.parse("2026-06-03T10:00:00Z"), Duration.ofHours(1)),
                psychologist.occupied(session));
    }

    @Test
    void doctorConsultationIsTwentyMinutesAndWaitsForConfirmation() {
        ServiceTemplate doctor = VERTICALS.get("doctor");
        assertEquals(Duration.ofMinutes(20), doctor.minDuration());
        assertTrue(doctor.hasFixedDuration());
        assertEquals(Duration.ofMinutes(20), doctor.slotStep());
        assertEquals(ConfirmationMode.MANUAL, doctor.confirmation());
        assertEquals(Duration.ofHours(12), doctor.pendingExpiry());
        assertEquals(Duration.ofHours(2), doctor.minNotice());
        assertEquals(Duration.ofDays(60), doctor.horizon());
        assertEquals(Duration.ofHours(12), doctor.cancellationCutoff());
        assertEquals(OptionalInt.of(2), doctor.limits().perCustomerWeek());
        assertEquals(Locale.ENGLISH, doctor.locale());
    }

    @Test
    void fieldServiceJobIsTwoHoursPendingConfirmationForAnyTechnicianOfThePool() {
        ServiceTemplate fieldService = VERTICALS.get("field-service");
        assertEquals(Duration.ofHours(2), fieldService.minDuration());
        assertTrue(fieldService.hasFixedDuration());
        assertEquals(Duration.ofMinutes(30), fieldService.bufferBefore());
        assertEquals(Duration.ofMinutes(30), fieldService.bufferAfter());
        assertEquals(Duration.ofHours(1), fieldService.slotStep());
        assertEquals(ConfirmationMode.MANUAL, fieldService.confirmation());
        assertEquals(Duration.ofHours(24), fieldService.pendingExpiry());
        assertEquals(PoolMode.ANY_OF, fieldService.poolMode());
        assertEquals(Duration.ofHours(24), fieldService.minNotice());
        assertFalse(fieldService.sameDayAllowed());
        assertEquals(OptionalInt.of(3), fieldService.limits().perResourceDay());
        assertEquals(List.of(Reminder.of(Duration.ofHours(24), Channel.SMS)), fieldService.reminders());
    }

    @Test
    void groupClassIsSixtyMinutesWithTwelveSeatsAndABookingMayBringAFriend() {
        ServiceTemplate groupClass = VERTICALS.get("group-class");
        assertEquals(Duration.ofHours(1), groupClass.minDuration());
        assertTrue(groupClass.hasFixedDuration());
        assertEquals(OptionalInt.of(12), groupClass.seats());
        assertEquals(1, groupClass.minPartySize());
        assertEquals(2, groupClass.maxPartySize());
        // The seats cap a bigger room, and a smaller room caps the seats.
        assertEquals(12, groupClass.capacityOn(40));
        assertEquals(8, groupClass.capacityOn(8));
        assertEquals(ConfirmationMode.INSTANT, groupClass.confirmation());
        assertEquals(Duration.ofMinutes(30), groupClass.minNotice());
        assertEquals(Duration.ofDays(14), groupClass.horizon());
        assertEquals(Duration.ofHours(6), groupClass.cancellationCutoff());
        assertEquals(OptionalInt.of(3), groupClass.limits().perCustomerWeek());
        assertEquals(List.of(Reminder.of(Duration.ofHours(2), Channel.PUSH)), groupClass.reminders());
    }

    @Test
    void settingsNotGivenInAFileTakeTheBuilderDefaults() {
        ServiceTemplate doctor = VERTICALS.get("doctor");
        assertEquals(Duration.ofMinutes(10), doctor.holdDuration());
        assertEquals(1, doctor.minPartySize());
        assertEquals(1, doctor.maxPartySize());
        assertEquals(OptionalInt.empty(), doctor.seats());
        assertEquals(PoolMode.ANY_OF, doctor.poolMode());
        assertTrue(doctor.sameDayAllowed());
    }
}
