package io.bookingkit.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bookingkit.error.InvalidRequestException;
import io.bookingkit.template.TemplateLoadException.Problem;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Loading template files, writing them back, and the invariants a template is built with. */
class TemplateCatalogTest {

    // ----------------------------------------------------------------------------------------
    // bad files

    @Test
    void aFileWithSeveralBadKeysFailsOnceListingEveryOne(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("bad.properties");
        Files.writeString(file, String.join("\n",
                "# five mistakes; one edit should fix them all",
                "name=bad-one",
                "colour=blue",
                "duration=30 minutes",
                "seats=-2",
                "locale=not a locale",
                "confirmation.expiry=12h",
                ""), StandardCharsets.UTF_8);

        TemplateLoadException e = assertThrows(TemplateLoadException.class, () -> TemplateCatalog.load(file));

        assertEquals(file.toString(), e.source());
        Map<String, Problem> byKey = e.problems().stream().collect(Collectors.toMap(Problem::key, p -> p));
        assertEquals(Set.of("colour", "duration", "seats", "locale", "confirmation.expiry"), byKey.keySet(),
                () -> "problems: " + e.problems());
        assertEquals(5, e.problems().size(), "each bad key is listed once");
        assertEquals("blue", byKey.get("colour").value());
        assertTrue(byKey.get("colour").reason().startsWith("unknown key"), byKey.get("colour").reason());
        assertEquals("30 minutes", byKey.get("duration").value());
        assertTrue(byKey.get("duration").reason().contains("30m"), byKey.get("duration").reason());
        assertEquals("-2", byKey.get("seats").value());
        assertTrue(byKey.get("seats").reason().contains("positive"), byKey.get("seats").reason());
        assertEquals("not a locale", byKey.get("locale").value());
        assertTrue(byKey.get("locale").reason().contains("language tag"), byKey.get("locale").reason());
        assertEquals("12h", byKey.get("confirmation.expiry").value());
        assertTrue(byKey.get("confirmation.expiry").reason().contains("confirmation=manual"),
                byKey.get("confirmation.expiry").reason());

        // The message alone is enough to fix the file.
        assertTrue(e.getMessage().startsWith("Template " + file + " has 5 problems:"), e.getMessage());
        for (String line : List.of("colour=blue", "duration=30 minutes", "seats=-2", "locale=not a locale",
                "confirmation.expiry=12h")) {
            assertTrue(e.getMessage().contains("\n  " + line + ": "), () -> "message lacks " + line + ":\n" + e.getMessage());
        }
        assertInstanceOf(InvalidRequestException.class, e);
    }

    @Test
    void missingRequiredKeysAreProblemsToo() {
        TemplateLoadException e = assertThrows(TemplateLoadException.class, () -> load("slot.step=30m\n"));
        assertEquals(List.of("name", "duration"), keys(e));
        assertEquals(null, e.problems().get(0).value());
        assertTrue(e.getMessage().contains("\n  name: required"), e.getMessage());
    }

    @Test
    void aFixedDurationAndARangeOfDurationsCannotBothBeGiven() {
        TemplateLoadException e = assertThrows(TemplateLoadException.class,
                () -> load("name=x\nduration=30m\nduration.min=30m\nduration.max=1h\n"));
        assertEquals(List.of("duration"), keys(e));
        assertTrue(e.problems().get(0).reason().contains("not both"), e.problems().get(0).reason());
        e = assertThrows(TemplateLoadException.class, () -> load("name=x\nduration.min=30m\n"));
        assertEquals(List.of("duration.max"), keys(e));
    }

    @Test
    void aRuleBetweenKeysIsReportedWithTheValuesItCompares() {
        TemplateLoadException e = assertThrows(TemplateLoadException.class,
                () -> load("name=x\nduration=30m\nnotice.min=2d\nhorizon=1d\n"));
        assertEquals(List.of("(template)"), keys(e));
        assertEquals("horizon PT24H must be longer than minNotice PT48H", e.problems().get(0).reason());
    }

    @Test
    void badValuesOfEveryKindAreCollected() {
        TemplateLoadException e = assertThrows(TemplateLoadException.class, () -> load(String.join("\n",
                "name=x", "duration=30m", "same-day=maybe", "confirmation=sometimes", "pool=some-of", "party.min=0",
                "limit.customer.week=three", "reminders=24h", "hold.duration=PT-5", "")));
        assertEquals(Set.of("same-day", "confirmation", "pool", "party.min", "limit.customer.week", "reminders",
                "hold.duration"), Set.copyOf(keys(e)));
        Problem pool = e.problems().stream().filter(p -> p.key().equals("pool")).findFirst().orElseThrow();
        assertEquals("expected one of [any-of, all-of]", pool.reason());
    }

    @Test
    void groupSessionKeysLoadAndTheirMistakesAreNamed() {
        ServiceTemplate workshop = load(String.join("\n", "name=workshop", "duration=2h", "seats=10", "seats.min=4",
                "notice.join=15m", "waitlist.limit.customer=2", "waitlist.close=1h", "waitlist.offer.ttl=30m", ""));
        assertEquals(Optional.of(new Quorum(4, Duration.ofHours(24))), workshop.quorum(), "the deadline defaults to 24h");
        assertEquals(Optional.of(Duration.ofMinutes(15)), workshop.joinNotice());
        assertEquals(new WaitlistSettings(java.util.OptionalInt.of(2), Duration.ofHours(1), Duration.ofMinutes(30)),
                workshop.waitlist());
        assertEquals(WaitlistSettings.DEFAULTS, load("name=x\nduration=30m\n").waitlist());

        TemplateLoadException e = assertThrows(TemplateLoadException.class, () -> load(String.join("\n",
                "name=x", "duration=30m", "seats.min.deadline=2h", "waitlist.offer.ttl=0", "notice.join=soon",
                "waitlist.close=PT-1H", "")));
        assertEquals(Set.of("seats.min.deadline", "waitlist.offer.ttl", "notice.join", "waitlist.close"),
                Set.copyOf(keys(e)));
        TemplateLoadException negative = assertThrows(TemplateLoadException.class,
                () -> load("name=x\nduration=30m\nseats=5\nseats.min=x\nseats.min.deadline=PT-1H\n"));
        assertEquals(Set.of("seats.min", "seats.min.deadline"), Set.copyOf(keys(negative)),
                "a bad seats.min is not also 'deadline without seats.min'");
        TemplateLoadException unreachable = assertThrows(TemplateLoadException.class,
                () -> load("name=x\nduration=30m\nseats=3\nseats.min=4\n"));
        assertEquals("quorum of 4 seats can never be reached in a session of 3 seats",
                unreachable.problems().get(0).reason());
    }

    @Test
    void aGoodFileLoadsFromADirectory(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("nails.properties");
        Files.writeString(file, "name=nails\nduration=45m\nslot.step=15m\nlocale=es-AR\n# ñ is fine in UTF-8\n",
                StandardCharsets.UTF_8);
        ServiceTemplate nails = TemplateCatalog.load(file);
        assertEquals(Duration.ofMinutes(45), nails.minDuration());
        assertEquals(Duration.ofMinutes(15), nails.slotStep());
        assertEquals(Locale.forLanguageTag("es-AR"), nails.locale());
        assertThrows(UncheckedIOException.class, () -> TemplateCatalog.load(dir.resolve("missing.properties")));
    }

    // ----------------------------------------------------------------------------------------
    // round trip

    static Stream<ServiceTemplate> templates() {
        List<ServiceTemplate> all = new ArrayList<>();
        TemplateCatalog verticals = TemplateCatalog.verticals();
        TemplateCatalog.VERTICALS.forEach(name -> all.add(verticals.get(name)));
        all.add(ServiceTemplate.builder("everything-set")
                .duration(Duration.ofMinutes(30), Duration.ofMinutes(90), Duration.ofMinutes(15))
                .buffers(Duration.ofMinutes(5), Duration.ofMinutes(10))
                .slotStep(Duration.ofMinutes(15))
                .seats(6)
                .partySize(2, 4)
                .minNotice(Duration.ofHours(3))
                .sameDayAllowed(false)
                .horizon(Duration.ofDays(21))
                .cancellationCutoff(Duration.ofMinutes(150))
                .requiresConfirmation(Duration.ofHours(6))
                .holdDuration(Duration.ofMinutes(15))
                .limits(Limits.none().withPerResourceDay(8).withPerResourceWeek(30).withPerCustomerDay(1).withPerCustomerWeek(2))
                .reminder(Duration.ofMinutes(90), Channel.of("telegram"))
                .reminder(Duration.ofDays(1), Channel.EMAIL)
                .locale(Locale.forLanguageTag("es-AR"))
                .poolMode(PoolMode.ALL_OF)
                .quorum(4, Duration.ofHours(12))
                .joinNotice(Duration.ofMinutes(20))
                .waitlist(new WaitlistSettings(java.util.OptionalInt.of(2), Duration.ofHours(1), Duration.ofMinutes(45)))
                .build());
        all.add(ServiceTemplate.builder("defaults-only").build());
        return all.stream();
    }

    @ParameterizedTest
    @MethodSource("templates")
    void writingATemplateAndLoadingItBackGivesAnEqualTemplate(ServiceTemplate template) throws IOException {
        Map<String, String> written = TemplateCatalog.toProperties(template);
        Properties file = new Properties();
        file.putAll(written);
        StringWriter text = new StringWriter();
        file.store(text, "written by TemplateCatalog.toProperties");

        ServiceTemplate loaded = TemplateCatalog.load(new StringReader(text.toString()), template.name() + ".properties");

        assertEquals(template, loaded);
        assertEquals(written, TemplateCatalog.toProperties(loaded));
        assertTrue(written.keySet().stream().allMatch(io.bookingkit.template.internal.TemplateProperties.KEYS::contains),
                () -> "unknown keys written: " + written.keySet());
    }

    @Test
    void settingsAsKeysAndValuesLoadLikeAFileAndFailLikeOne() {
        ServiceTemplate barber = TemplateCatalog.verticals().get("barber");
        assertEquals(barber, TemplateCatalog.load(TemplateCatalog.toProperties(barber), "barber settings"));

        TemplateLoadException e = assertThrows(TemplateLoadException.class,
                () -> TemplateCatalog.load(Map.of("name", "x", "duration", "soon", "colour", "blue"), "app.templates.x"));
        assertEquals("app.templates.x", e.source());
        assertEquals(Set.of("duration", "colour"), Set.copyOf(keys(e)));
        assertTrue(e.getMessage().startsWith("Template app.templates.x has 2 problems:"), e.getMessage());
    }

    @Test
    void keysAreWrittenInDocumentationOrder() {
        List<String> keys = List.copyOf(TemplateCatalog.toProperties(TemplateCatalog.verticals().get("field-service")).keySet());
        assertEquals(List.of("name", "duration", "buffer.before", "buffer.after", "slot.step", "party.min", "party.max",
                "notice.min", "same-day", "horizon", "cancellation.cutoff", "confirmation", "confirmation.expiry",
                "hold.duration", "limit.resource.day", "reminders", "locale", "pool"), keys);
    }

    // ----------------------------------------------------------------------------------------
    // invariants of templates built in code

    @Test
    void invariantsAreCheckedWhenBuildingAndTheMessageNamesTheValues() {
        assertRefused(() -> ServiceTemplate.builder("x")
                        .duration(Duration.ofMinutes(30), Duration.ofMinutes(20), Duration.ofMinutes(10)).build(),
                "maxDuration PT20M is shorter than minDuration PT30M");
        assertRefused(() -> ServiceTemplate.builder("x")
                        .duration(Duration.ofMinutes(30), Duration.ofMinutes(70), Duration.ofMinutes(15)).build(),
                "maxDuration PT1H10M is not minDuration PT30M plus whole steps of PT15M");
        assertRefused(() -> ServiceTemplate.builder("x").duration(Duration.ZERO).build(),
                "minDuration must be positive, but was PT0S");
        assertRefused(() -> ServiceTemplate.builder("x").buffers(Duration.ofMinutes(-5), Duration.ZERO).build(),
                "bufferBefore must not be negative, but was PT-5M");
        assertRefused(() -> ServiceTemplate.builder("x").buffers(Duration.ZERO, Duration.ofMinutes(-1)).build(),
                "bufferAfter must not be negative, but was PT-1M");
        assertRefused(() -> ServiceTemplate.builder("x").slotStep(Duration.ofHours(25)).build(),
                "slotStep PT25H must not be longer than a day");
        assertRefused(() -> ServiceTemplate.builder("x").slotStep(Duration.ZERO).build(),
                "slotStep must be positive, but was PT0S");
        assertRefused(() -> ServiceTemplate.builder("x").seats(0).build(), "seats must be positive, but was 0");
        assertRefused(() -> ServiceTemplate.builder("x").partySize(3, 2).build(), "maxPartySize 2 is below minPartySize 3");
        assertRefused(() -> ServiceTemplate.builder("x").partySize(0, 2).build(), "minPartySize must be positive, but was 0");
        assertRefused(() -> ServiceTemplate.builder("x").seats(2).partySize(3, 4).build(),
                "seats 2 cannot hold even minPartySize 3");
        assertRefused(() -> ServiceTemplate.builder("x").minNotice(Duration.ofHours(48)).horizon(Duration.ofHours(24)).build(),
                "horizon PT24H must be longer than minNotice PT48H");
        assertRefused(() -> ServiceTemplate.builder("x").minNotice(Duration.ofMinutes(-1)).build(),
                "minNotice must not be negative, but was PT-1M");
        assertRefused(() -> ServiceTemplate.builder("x").cancellationCutoff(Duration.ofHours(-2)).build(),
                "cancellationCutoff must not be negative, but was PT-2H");
        assertRefused(() -> ServiceTemplate.builder("x").requiresConfirmation(Duration.ZERO).build(),
                "pendingExpiry must be positive, but was PT0S");
        assertRefused(() -> ServiceTemplate.builder("x").holdDuration(Duration.ofSeconds(-30)).build(),
                "holdDuration must be positive, but was PT-30S");
        assertRefused(() -> Limits.none().withPerCustomerWeek(0), "perCustomerWeek must be positive, but was 0");
        assertRefused(() -> Limits.none().withPerResourceDay(-3), "perResourceDay must be positive, but was -3");
        assertRefused(() -> ServiceTemplate.builder(" ").build(), "name must not be blank");
        assertRefused(() -> ServiceTemplate.builder("x".repeat(129)).build(), "name is 129 characters long");
        assertRefused(() -> Reminder.of(Duration.ZERO, Channel.SMS), "before must be positive, but was PT0S");
        assertRefused(() -> Channel.of("e mail"), "Channel name 'e mail'");
    }

    @Test
    void aValidTemplateKeepsWhatItWasGivenAndDerivesTheRest() {
        ServiceTemplate t = ServiceTemplate.builder("massage").duration(Duration.ofMinutes(45)).build();
        assertEquals(Duration.ofMinutes(45), t.maxDuration());
        assertEquals(Duration.ofMinutes(45), t.durationStep());
        assertEquals(Duration.ofMinutes(45), t.slotStep(), "the slot step defaults to the duration");
        assertTrue(t.allowsDuration(Duration.ofMinutes(45)));
        assertFalse(t.allowsDuration(Duration.ofMinutes(60)));
        ServiceTemplate longer = t.toBuilder().duration(Duration.ofMinutes(45), Duration.ofMinutes(75), Duration.ofMinutes(15))
                .build();
        assertTrue(longer.allowsDuration(Duration.ofMinutes(60)));
        assertFalse(longer.allowsDuration(Duration.ofMinutes(50)));
        assertFalse(longer.allowsDuration(Duration.ofMinutes(90)));
        assertEquals(Duration.ofMinutes(45), longer.slotStep(), "toBuilder keeps the slot step");
    }

    @Test
    void aCatalogRefusesTwoTemplatesOfOneNameAndNamesTheKnownOnesWhenAskedForAnother() {
        ServiceTemplate a = ServiceTemplate.builder("cut").build();
        assertRefused(() -> TemplateCatalog.of(a, a.toBuilder().duration(Duration.ofHours(1)).build()),
                "Two templates are named 'cut'");
        TemplateCatalog catalog = TemplateCatalog.verticals();
        assertRefused(() -> catalog.get("dentist"), "No template named 'dentist'", "barber", "group-class");
        assertTrue(catalog.find("dentist").isEmpty());
        TemplateCatalog extended = catalog.with(a);
        assertEquals(6, extended.names().size());
        assertEquals(5, catalog.names().size(), "with() returns a new catalog");
    }

    // ----------------------------------------------------------------------------------------

    private static ServiceTemplate load(String text) {
        return TemplateCatalog.load(new StringReader(text), "test.properties");
    }

    private static List<String> keys(TemplateLoadException e) {
        return e.problems().stream().map(Problem::key).toList();
    }

    private static void assertRefused(Executable build, String... fragments) {
        InvalidRequestException e = assertThrows(InvalidRequestException.class, build);
        for (String fragment : fragments) {
            assertTrue(e.getMessage().contains(fragment), () -> "'" + e.getMessage() + "' should contain '" + fragment + "'");
        }
    }
}
