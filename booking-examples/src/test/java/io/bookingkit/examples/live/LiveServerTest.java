package io.bookingkit.examples.live;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.zaxxer.hikari.HikariDataSource;
import io.bookingkit.BookingEngine;
import io.bookingkit.booking.Actor;
import io.bookingkit.booking.Booking;
import io.bookingkit.booking.BookingRequest;
import io.bookingkit.examples.ExampleDatabase;
import io.bookingkit.examples.Examples;
import io.bookingkit.jdbc.JdbcBookingStore;
import io.bookingkit.jdbc.Schema;
import io.bookingkit.resource.Resource;
import io.bookingkit.schedule.OpeningHours;
import io.bookingkit.template.TemplateCatalog;
import io.bookingkit.time.WallClock;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.threeten.extra.MutableClock;

/**
 * The live server over HTTP, on H2 databases shared by two or three servers: the API books and
 * cancels, every change reaches the event streams once and in order (also after a client was
 * away, and from another server), and bad input gets its status and a message naming it.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class LiveServerTest {

    static final ZoneId BUENOS_AIRES = ZoneId.of("America/Argentina/Buenos_Aires");
    static final String HOURS = "Mo-Fr 09:00-13:00,14:00-19:00; Sa 10:00-14:00";
    static final LocalDate MONDAY = LocalDate.of(2026, 12, 21);
    // Monday 09:00 in Buenos Aires: the barber's week is ahead.
    static final Instant NOW = Instant.parse("2026-12-21T12:00:00Z");
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Duration HEARTBEAT = Duration.ofMillis(200);

    private final String tenant = "shop-" + UUID.randomUUID().toString().substring(0, 8);
    private final MutableClock clock = MutableClock.of(NOW, ZoneOffset.UTC);
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final List<AutoCloseable> closing = new ArrayList<>();
    private String url;
    private Node a;

    /** One application node: its own pool, store, engine and server, on the shared database. */
    record Node(BookingEngine engine, LiveServer server) {
        URI uri(String path) {
            return server.uri().resolve(path);
        }
    }

    @BeforeEach
    void startFirstNode() {
        url = Examples.h2Url("live-" + UUID.randomUUID());
        a = node();
        a.engine().resources().register(Resource.of(tenant, "chair-1", "Silla de Martín", OpeningHours.parse(HOURS,
                BUENOS_AIRES)));
    }

    @AfterEach
    void stop() throws Exception {
        for (int i = closing.size() - 1; i >= 0; i--) {
            closing.get(i).close();
        }
    }

    Node node() {
        HikariDataSource dataSource = ExampleDatabase.fromArgs(new String[0], url);
        closing.add(dataSource);
        Schema.create(dataSource);
        BookingEngine engine = BookingEngine.builder().store(JdbcBookingStore.create(dataSource)).clock(clock)
                .templates(TemplateCatalog.verticals()).changeFeed(Duration.ofDays(7), Duration.ofMillis(100)).build();
        LiveServer server = LiveServer.builder(engine, tenant).port(0).clock(clock).heartbeat(HEARTBEAT)
                .resource("chair-1", "barber").start();
        closing.add(server);
        return new Node(engine, server);
    }

    // ------------------------------------------------------------------ streams

    @Test
    void aConnectGetsItsFirstLineAtOnceAndHeartbeatsWhileNothingHappens() throws Exception {
        long started = System.nanoTime();
        try (SseClient events = SseClient.connect(http, a.uri("/events"), Optional.empty())) {
            assertThat(events.comment(Duration.ofSeconds(5))).contains(tenant);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
            assertThat(events.comment(Duration.ofSeconds(5))).isEqualTo("heartbeat");
            assertThat(events.comment(Duration.ofSeconds(5))).isEqualTo("heartbeat");
        }
    }

    @Test
    void aBookingThroughTheApiArrivesAsAnEventFromTheWeeksPosition() throws Exception {
        JsonNode week = getJson(a.uri("/api/resources/chair-1/week?start=" + MONDAY));
        String position = week.get("position").asText();
        try (SseClient events = SseClient.connect(http, a.uri("/events?after=" + encode(position)), Optional.empty())) {
            events.comment(WAIT);
            Instant tuesdayTen = at(MONDAY.plusDays(1), 10, 0);
            JsonNode booking = book(a, tuesdayTen, "Lucía", 201);

            SseClient.Event event = events.next(WAIT);
            assertThat(event.name()).isEqualTo("change");
            assertThat(event.id()).isNotBlank().isNotEqualTo(position);
            JsonNode change = event.json();
            assertThat(change.get("resourceId").asText()).isEqualTo("chair-1");
            assertThat(change.get("bookingId").asText()).isEqualTo(booking.get("id").asText());
            assertThat(change.get("kind").asText()).isEqualTo("CREATED");
            assertThat(change.get("status").asText()).isEqualTo("CONFIRMED");
            assertThat(Instant.parse(change.get("start").asText())).isEqualTo(tuesdayTen);
        }
    }

    @Test
    void aClientThatWasAwayGetsEveryMissedChangeOnceAndInOrderFromAnyServer() throws Exception {
        Actor staff = Actor.staff(tenant, "reception", Set.of("chair-1"));
        String first;
        String firstBooking;
        try (SseClient events = SseClient.connect(http, a.uri("/events"), Optional.empty())) {
            events.comment(WAIT);
            firstBooking = book(a, at(MONDAY.plusDays(1), 10, 0), "Ana", 201).get("id").asText();
            first = events.next(WAIT).id();
        }
        // Away: changes through the API and straight through the engine.
        String second = book(a, at(MONDAY.plusDays(1), 11, 0), "Ben", 201).get("id").asText();
        Booking third = a.engine().book(BookingRequest.builder().template("barber").resource("chair-1")
                .start(at(MONDAY.plusDays(2), 10, 0)).build(), Actor.customer(tenant, "Carla"));
        post(a.uri("/api/bookings/" + second + "/cancel"), "", 200);
        a.engine().cancel(firstBooking, staff, "Ana called");
        List<String> missed = new ArrayList<>(List.of(second + " CREATED CONFIRMED", third.id() + " CREATED CONFIRMED",
                second + " STATUS_CHANGED CANCELLED", firstBooking + " STATUS_CHANGED CANCELLED"));

        // The server that was followed knows the position; one started since knows nothing and
        // reads the store. Both hand over the same changes, and then only what comes next.
        Node late = node();
        for (Node node : List.of(a, late)) {
            // The stale ?after= of the page's first connection loses to the header.
            try (SseClient events = SseClient.connect(http, node.uri("/events?after="), Optional.of(first))) {
                List<SseClient.Event> got = events.next(missed.size(), WAIT);
                assertThat(got).extracting(LiveServerTest::describe).as("from %s", node.server().uri())
                        .containsExactlyElementsOf(missed);
                String next = book(a, at(MONDAY.plusDays(3), 10, 0).plus(Duration.ofMinutes(30L * (node == a ? 0 : 1))),
                        "Dora-" + (node == a ? "a" : "b"), 201).get("id").asText();
                assertThat(describe(events.next(WAIT))).isEqualTo(next + " CREATED CONFIRMED");
                assertThat(events.eventsWithin(Duration.ofMillis(600))).isEmpty();
                missed.add(next + " CREATED CONFIRMED");
            }
        }
    }

    @Test
    void aBookingMadeOnOneServerReachesTheOthersStreamAndIdsWorkOnBoth() throws Exception {
        Node b = node();
        try (SseClient onB = SseClient.connect(http, b.uri("/events"), Optional.empty())) {
            onB.comment(WAIT);
            String viaA = book(a, at(MONDAY.plusDays(1), 15, 0), "Eva", 201).get("id").asText();
            SseClient.Event event = onB.next(WAIT);
            assertThat(describe(event)).isEqualTo(viaA + " CREATED CONFIRMED");

            // B's id resumes on A: positions are the database's, not a server's.
            String viaB = book(b, at(MONDAY.plusDays(1), 16, 0), "Fede", 201).get("id").asText();
            try (SseClient onA = SseClient.connect(http, a.uri("/events"), Optional.of(event.id()))) {
                assertThat(describe(onA.next(WAIT))).isEqualTo(viaB + " CREATED CONFIRMED");
            }
            assertThat(describe(onB.next(WAIT))).isEqualTo(viaB + " CREATED CONFIRMED");
        }
        JsonNode weekOnB = getJson(b.uri("/api/resources/chair-1/week?start=" + MONDAY));
        assertThat(weekOnB.get("bookings")).extracting(n -> n.get("customer").asText()).contains("Eva", "Fede");
    }

    @Test
    void aPositionTheFeedNoLongerKeepsGetsAResetAndThenTheNextChanges() throws Exception {
        String old;
        try (SseClient events = SseClient.connect(http, a.uri("/events"), Optional.empty())) {
            events.comment(WAIT);
            book(a, at(MONDAY.plusDays(1), 10, 0), "Gala", 201);
            old = events.next(WAIT).id();
        }
        book(a, at(MONDAY.plusDays(1), 11, 0), "Hugo", 201);
        clock.add(Duration.ofDays(8));
        a.engine().runMaintenance();

        Node late = node();
        try (SseClient events = SseClient.connect(http, late.uri("/events"), Optional.of(old))) {
            SseClient.Event reset = events.next(WAIT);
            assertThat(reset.name()).isEqualTo("reset");
            assertThat(reset.id()).isNotBlank().isEqualTo(reset.json().get("position").asText());
            String next = book(a, at(MONDAY.plusDays(9), 10, 0), "Inés", 201).get("id").asText();
            assertThat(describe(events.next(WAIT))).isEqualTo(next + " CREATED CONFIRMED");
        }
    }

    // ------------------------------------------------------------------ the API

    @Test
    void theWeekHasTheOpeningHoursFreeSlotsAndBookingsInAnyStatus() throws Exception {
        JsonNode booked = book(a, at(MONDAY.plusDays(1), 10, 0), "Juan", 201);
        post(a.uri("/api/bookings/" + booked.get("id").asText() + "/cancel"), "{\"reason\": \"flu\"}", 200);
        JsonNode kept = book(a, at(MONDAY.plusDays(1), 10, 0), "Kike", 201);

        JsonNode week = getJson(a.uri("/api/resources/chair-1/week?start=" + MONDAY));
        assertThat(week.get("start").asText()).isEqualTo("2026-12-21");
        assertThat(week.get("next").asText()).isEqualTo("2026-12-28");
        assertThat(week.get("resource").get("zone").asText()).isEqualTo(BUENOS_AIRES.getId());
        assertThat(week.get("open")).hasSize(5 * 2 + 1);
        assertThat(week.get("position").asText()).isNotEmpty();
        assertThat(week.get("bookings")).extracting(n -> n.get("customer").asText() + " " + n.get("status").asText())
                .containsExactlyInAnyOrder("Juan CANCELLED", "Kike CONFIRMED");
        List<String> slotStarts = new ArrayList<>();
        week.get("slots").forEach(slot -> slotStarts.add(slot.get("start").asText()));
        assertThat(slotStarts).contains(at(MONDAY.plusDays(1), 10, 30).toString())
                .doesNotContain(kept.get("start").asText());
        assertThat(week.get("html").asText()).contains("data-start=\"" + at(MONDAY.plusDays(1), 10, 30) + "\"")
                .contains("data-status=\"CANCELLED\"");

        JsonNode resources = getJson(a.uri("/api/resources"));
        assertThat(resources).hasSize(1);
        assertThat(resources.get(0).get("template").asText()).isEqualTo("barber");
        assertThat(resources.get(0).get("capacity").asInt()).isEqualTo(1);
    }

    @Test
    void theWeekDefaultsToThisWeeksMondayInTheResourcesZone() throws Exception {
        clock.setInstant(Instant.parse("2026-12-28T02:00:00Z"));   // still Sunday the 27th in Buenos Aires
        assertThat(getJson(a.uri("/api/resources/chair-1/week")).get("start").asText()).isEqualTo("2026-12-21");
    }

    /**
     * Other web sites open in the user's browser get nothing: a page under another host name
     * (DNS rebinding) is refused before anything is read, another origin's request is refused,
     * and a POST that is not JSON (what a plain cross-site form sends) books nothing.
     */
    @Test
    void requestsFromOtherSitesAreRefusedAndBookNothing() throws Exception {
        int port = a.server().uri().getPort();
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.getOutputStream().write(("GET /api/resources HTTP/1.1\r\nHost: rebound.example:" + port
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(answer).startsWith("HTTP/1.1 403").contains("foreign-host").doesNotContain("chair-1\"");
        }
        String body = "{\"resource\":\"chair-1\",\"start\":\"" + at(MONDAY.plusDays(1), 10, 0) + "\",\"customer\":\"Eve\"}";
        assertError(send(HttpRequest.newBuilder(a.uri("/api/bookings")).header("Origin", "http://evil.example")
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body))),
                403, "foreign-origin", "evil.example");
        assertError(send(HttpRequest.newBuilder(a.uri("/api/bookings")).header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString(body))), 415, "unsupported-media-type", "text/plain");
        assertThat(getJson(a.uri("/api/resources/chair-1/week?start=" + MONDAY)).get("bookings")).isEmpty();
        book(a, at(MONDAY.plusDays(1), 10, 0), "Eve", 201);
    }

    @Test
    void badInputGetsItsStatusAndAMessageNamingTheBadValue() throws Exception {
        book(a, at(MONDAY.plusDays(1), 10, 0), "Lola", 201);

        assertError(get(a.uri("/api/resources/chair-1/week?start=2026-13-01")), 400, "invalid-request", "2026-13-01");
        assertError(get(a.uri("/api/resources/nope/week")), 404, "not-found", "nope");
        assertError(post(a.uri("/api/bookings"), "{\"resource\":\"chair-1\",\"start\":\"tomorrow\",\"customer\":\"Max\"}",
                400), 400, "invalid-request", "tomorrow");
        assertError(post(a.uri("/api/bookings"), "{\"resource\":\"chair-1\",\"start\":", 400), 400, "invalid-request",
                "not JSON");
        assertError(post(a.uri("/api/bookings"), "{\"resource\":\"chair-1\",\"start\":\"" + at(MONDAY.plusDays(1), 11, 0)
                + "\",\"customer\":\"  \"}", 400), 400, "invalid-request", "customer");
        assertError(post(a.uri("/api/bookings"), "{\"resource\":\"chair-1\",\"start\":\"" + at(MONDAY.plusDays(1), 11, 0)
                + "\"}", 400), 400, "invalid-request", "customer");
        assertError(post(a.uri("/api/bookings"), "{\"resource\":\"nope\",\"start\":\"" + at(MONDAY.plusDays(1), 11, 0)
                + "\",\"customer\":\"Max\"}", 404), 404, "not-found", "nope");
        assertError(post(a.uri("/api/bookings"), "{\"resource\":\"chair-1\",\"start\":\"" + at(MONDAY.plusDays(1), 11, 0)
                + "\",\"customer\":\"Max\",\"template\":\"tattoo\"}", 400), 400, "invalid-request", "tattoo");
        assertError(post(a.uri("/api/bookings/no-such-booking/cancel"), "", 404), 404, "not-found", "no-such-booking");
        assertError(get(a.uri("/nothing-here")), 404, "not-found", "/nothing-here");
        assertError(send(HttpRequest.newBuilder(a.uri("/api/bookings")).DELETE()), 405, "method-not-allowed", "DELETE");

        JsonNode taken = assertError(post(a.uri("/api/bookings"), "{\"resource\":\"chair-1\",\"start\":\""
                + at(MONDAY.plusDays(1), 10, 0) + "\",\"customer\":\"Max\"}", 409), 409, "slot-unavailable", "");
        assertThat(taken.get("violations")).extracting(v -> v.get("code").asText()).contains("overlap");

        // A Sunday, and past the barber's 30-day horizon: both rules say so.
        JsonNode refused = assertError(post(a.uri("/api/bookings"), "{\"resource\":\"chair-1\",\"start\":\""
                + at(LocalDate.of(2027, 2, 28), 10, 0) + "\",\"customer\":\"Max\"}", 422), 422, "policy-violation", "");
        assertThat(refused.get("violations")).extracting(v -> v.get("code").asText())
                .containsExactlyInAnyOrder("closed", "horizon");
        assertThat(refused.get("violations")).allSatisfy(v -> assertThat(v.get("message").asText()).isNotBlank());
    }

    // ------------------------------------------------------------------ helpers

    static Instant at(LocalDate date, int hour, int minute) {
        return WallClock.toInstant(date, LocalTime.of(hour, minute), BUENOS_AIRES);
    }

    /** A change event as "booking KIND STATUS". */
    static String describe(SseClient.Event event) {
        assertThat(event.name()).as("event %s", event).isEqualTo("change");
        JsonNode change = event.json();
        return change.get("bookingId").asText() + " " + change.get("kind").asText() + " " + change.get("status").asText();
    }

    private JsonNode book(Node node, Instant start, String customer, int status) throws IOException, InterruptedException {
        String body = Json.text(Map.of("resource", "chair-1", "start", start.toString(), "customer", customer));
        return Json.MAPPER.readTree(post(node.uri("/api/bookings"), body, status).body());
    }

    private HttpResponse<String> post(URI uri, String body, int expectedStatus) throws IOException, InterruptedException {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        assertThat(response.statusCode()).as("POST %s %s: %s", uri, body, response.body()).isEqualTo(expectedStatus);
        return response;
    }

    private HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri).GET());
    }

    private JsonNode getJson(URI uri) throws IOException, InterruptedException {
        HttpResponse<String> response = get(uri);
        assertThat(response.statusCode()).as("GET %s: %s", uri, response.body()).isEqualTo(200);
        return Json.MAPPER.readTree(response.body());
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.timeout(WAIT).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static JsonNode assertError(HttpResponse<String> response, int status, String code, String named)
            throws IOException {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        JsonNode error = Json.MAPPER.readTree(response.body());
        assertThat(error.get("status").asInt()).isEqualTo(status);
        assertThat(error.get("code").asText()).isEqualTo(code);
        assertThat(error.get("message").asText()).isNotBlank().contains(named);
        return error;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
