package io.bookingkit.examples.live;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.bookingkit.BookingEngine;
import io.bookingkit.booking.AccessDeniedException;
import io.bookingkit.booking.Actor;
import io.bookingkit.booking.Booking;
import io.bookingkit.booking.BookingNotFoundException;
import io.bookingkit.booking.BookingRequest;
import io.bookingkit.booking.StaleBookingException;
import io.bookingkit.booking.TransitionNotAllowedException;
import io.bookingkit.error.BookingException;
import io.bookingkit.error.InvalidRequestException;
import io.bookingkit.policy.PolicyViolationException;
import io.bookingkit.policy.SlotUnavailableException;
import io.bookingkit.policy.Violation;
import io.bookingkit.recurrence.SeriesRefusedException;
import io.bookingkit.resource.Resource;
import io.bookingkit.resource.ResourceNotFoundException;
import io.bookingkit.waitlist.WaitlistEntryNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The server's routes: the page and its files, the JSON API and the event stream. */
final class Api implements HttpHandler {

    private static final Logger LOG = LoggerFactory.getLogger(Api.class);
    private static final int MAX_BODY = 64 * 1024;
    private static final String JSON = "application/json; charset=utf-8";
    private static final Map<String, String> FILES = Map.of(
            "/", "index.html", "/index.html", "index.html", "/live.js", "live.js", "/calendar.css", "calendar.css");
    private static final String CANCEL_REASON = "cancelled at the front desk (live calendar)";

    private final BookingEngine engine;
    private final String tenantId;
    private final Actor desk;
    private final Map<String, String> templates;
    private final List<String> resourceIds;
    private final Clock clock;
    private final EventStream events;

    Api(BookingEngine engine, String tenantId, Actor desk, Map<String, String> templates, List<String> resourceIds,
        Clock clock, FeedHub hub, Duration heartbeat) {
        this.engine = engine;
        this.tenantId = tenantId;
        this.desk = desk;
        this.templates = templates;
        this.resourceIds = resourceIds;
        this.clock = clock;
        this.events = new EventStream(engine, tenantId, hub, heartbeat);
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try {
            route(exchange);
        } catch (Failure failure) {
            send(exchange, failure.status, JSON, Json.bytes(failure.json()));
        } catch (RuntimeException e) {
            Failure failure = Failure.of(e);
            if (failure.status >= 500) {
                LOG.error("{} {} failed", exchange.getRequestMethod(), exchange.getRequestURI(), e);
            }
            send(exchange, failure.status, JSON, Json.bytes(failure.json()));
        } finally {
            exchange.close();
        }
    }

    private void route(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        refuseForeignPages(exchange, method);
        List<String> path = segments(exchange.getRequestURI().getRawPath());
        Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
        String file = FILES.get(exchange.getRequestURI().getPath());
        if (file != null) {
            allow(method, "GET");
            sendFile(exchange, file);
        } else if (path.equals(List.of("events"))) {
            allow(method, "GET");
            events.serve(exchange, Optional.ofNullable(query.get("after")));
        } else if (path.equals(List.of("api", "resources"))) {
            allow(method, "GET");
            sendJson(exchange, 200, resources());
        } else if (path.size() == 4 && path.subList(0, 2).equals(List.of("api", "resources")) && path.get(3).equals("week")) {
            allow(method, "GET");
            sendJson(exchange, 200, week(path.get(2), query));
        } else if (path.equals(List.of("api", "bookings"))) {
            allow(method, "POST");
            sendJson(exchange, 201, Json.booking(book(Json.object(body(exchange)))));
        } else if (path.size() == 4 && path.subList(0, 2).equals(List.of("api", "bookings")) && path.get(3).equals("cancel")) {
            allow(method, "POST");
            byte[] body = body(exchange);
            String reason = body.length == 0 ? CANCEL_REASON : Json.optionalText(Json.object(body), "reason", CANCEL_REASON);
            sendJson(exchange, 200, Json.booking(engine.cancel(path.get(2), desk, reason)));
        } else {
            throw new Failure(404, "not-found", "Nothing at " + exchange.getRequestURI().getPath(), List.of());
        }
    }

    /**
     * Listening on 127.0.0.1 keeps other machines out, not other web sites open in the user's
     * browser. A Host other than this server's is a DNS-rebinding page, refused so that it can
     * read nothing; an Origin other than this server's is another site's script or form, refused;
     * and a POST must say it is JSON, which no plain cross-site form can, and which makes a
     * cross-site script ask first (CORS), which this server never allows.
     */
    private static void refuseForeignPages(HttpExchange exchange, String method) {
        int port = exchange.getLocalAddress().getPort();
        Set<String> hosts = Set.of("127.0.0.1:" + port, "localhost:" + port);
        String host = exchange.getRequestHeaders().getFirst("Host");
        if (host == null || !hosts.contains(host.toLowerCase(Locale.ROOT))) {
            throw new Failure(403, "foreign-host", "This server answers requests for 127.0.0.1:" + port
                    + " or localhost:" + port + " only, not for " + host, List.of());
        }
        String origin = exchange.getRequestHeaders().getFirst("Origin");
        if (origin != null && !hosts.stream().map(h -> "http://" + h).toList().contains(origin.toLowerCase(Locale.ROOT))) {
            throw new Failure(403, "foreign-origin", "Requests from pages of " + origin + " are refused", List.of());
        }
        String type = exchange.getRequestHeaders().getFirst("Content-Type");
        if (method.equals("POST") && (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/json"))) {
            throw new Failure(415, "unsupported-media-type", "A POST carries application/json, not " + type, List.of());
        }
    }

    private List<Map<String, Object>> resources() {
        List<Map<String, Object>> list = new ArrayList<>();
        for (Resource resource : engine.resources().getAll(tenantId, resourceIds)) {
            list.add(Json.resource(resource, templates.get(resource.id())));
        }
        return list;
    }

    private Map<String, Object> week(String resourceId, Map<String, String> query) {
        String template = templates.get(resourceId);
        if (template == null) {
            throw notOnThisCalendar(resourceId);
        }
        Resource resource = engine.resources().get(tenantId, resourceId);
        LocalDate start = query.containsKey("start") ? Json.date(query.get("start"), "start")
                : CalendarWeek.mondayOf(LocalDate.now(clock.withZone(resource.zone())));
        // Taken before the reads: a change that lands while they run is then in the stream the
        // page opens from this position, at worst once more than needed.
        String position = engine.latestChangePosition(tenantId);
        CalendarWeek week = CalendarWeek.read(engine, desk, resourceId, template, start);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("resource", Json.resource(week.resource(), template));
        json.put("template", template);
        json.put("start", start.toString());
        json.put("previous", start.minusDays(CalendarWeek.DAYS).toString());
        json.put("next", start.plusDays(CalendarWeek.DAYS).toString());
        json.put("window", Json.interval(week.window()));
        json.put("position", position);
        json.put("open", Json.intervals(week.open()));
        json.put("slots", week.slots().stream().map(Json::slot).toList());
        json.put("bookings", week.bookings().stream().map(Json::booking).toList());
        json.put("html", CalendarPage.grid(week, true));
        return json;
    }

    private Booking book(ObjectNode body) {
        String resourceId = Json.requiredText(body, "resource");
        String template = templates.get(resourceId);
        if (template == null) {
            throw notOnThisCalendar(resourceId);
        }
        String start = Json.requiredText(body, "start");
        String customer = Json.requiredText(body, "customer").strip();
        if (customer.isEmpty()) {
            throw new InvalidRequestException("customer is blank: give the name the booking is for");
        }
        return engine.book(BookingRequest.builder().template(Json.optionalText(body, "template", template))
                .resource(resourceId).start(Json.instant(start, "start")).build(), Actor.customer(tenantId, customer));
    }

    private Failure notOnThisCalendar(String resourceId) {
        return new Failure(404, "not-found", "Resource '" + resourceId + "' is not on this calendar (tenant '"
                + tenantId + "' shows " + resourceIds + ")", List.of());
    }

    private static void allow(String method, String allowed) {
        if (!method.equals(allowed)) {
            throw new Failure(405, "method-not-allowed", method + " is not allowed here; use " + allowed, List.of());
        }
    }

    private static byte[] body(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readNBytes(MAX_BODY + 1);
            if (body.length > MAX_BODY) {
                throw new Failure(413, "too-large", "The request body is over " + MAX_BODY + " bytes", List.of());
            }
            return body;
        }
    }

    private static void sendFile(HttpExchange exchange, String name) throws IOException {
        try (InputStream in = Api.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("The page's file " + name + " is missing from the class path");
            }
            String type = name.endsWith(".html") ? "text/html; charset=utf-8"
                    : name.endsWith(".css") ? "text/css; charset=utf-8" : "text/javascript; charset=utf-8";
            send(exchange, 200, type, in.readAllBytes());
        }
    }

    private static void sendJson(HttpExchange exchange, int status, Object body) throws IOException {
        send(exchange, status, JSON, Json.bytes(body));
    }

    private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            exchange.getResponseBody().write(body);
        }
    }

    /** The path's segments, each percent-decoded; empty ones dropped. */
    private static List<String> segments(String rawPath) {
        return Arrays.stream(rawPath.split("/")).filter(s -> !s.isEmpty()).map(Api::decode).toList();
    }

    private static Map<String, String> query(String rawQuery) {
        Map<String, String> query = new LinkedHashMap<>();
        if (rawQuery != null) {
            for (String pair : rawQuery.split("&")) {
                int eq = pair.indexOf('=');
                String name = decode(eq < 0 ? pair : pair.substring(0, eq));
                query.putIfAbsent(name, eq < 0 ? "" : decode(pair.substring(eq + 1)));
            }
        }
        return query;
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("'" + text + "' is not percent-encoded correctly: " + e.getMessage());
        }
    }

    /** An answer other than success, and the JSON that says why. */
    private static final class Failure extends RuntimeException {

        private static final long serialVersionUID = 1L;

        final int status;
        final String code;
        final transient List<Violation> violations;

        Failure(int status, String code, String message, List<Violation> violations) {
            super(message, null, false, false);
            this.status = status;
            this.code = code;
            this.violations = violations;
        }

        /** What each of the library's exceptions means over HTTP. */
        static Failure of(RuntimeException e) {
            if (e instanceof SlotUnavailableException slot) {
                return new Failure(409, "slot-unavailable", e.getMessage(), slot.violations());
            } else if (e instanceof PolicyViolationException policy) {
                return new Failure(422, "policy-violation", e.getMessage(), policy.violations());
            } else if (e instanceof InvalidRequestException) {
                return new Failure(400, "invalid-request", e.getMessage(), List.of());
            } else if (e instanceof ResourceNotFoundException || e instanceof BookingNotFoundException
                    || e instanceof WaitlistEntryNotFoundException) {
                return new Failure(404, "not-found", e.getMessage(), List.of());
            } else if (e instanceof TransitionNotAllowedException) {
                return new Failure(409, "transition-not-allowed", e.getMessage(), List.of());
            } else if (e instanceof StaleBookingException) {
                return new Failure(409, "stale-booking", e.getMessage(), List.of());
            } else if (e instanceof AccessDeniedException) {
                return new Failure(403, "access-denied", e.getMessage(), List.of());
            } else if (e instanceof SeriesRefusedException) {
                return new Failure(409, "series-refused", e.getMessage(), List.of());
            } else if (e instanceof BookingException) {
                return new Failure(503, "unavailable", e.getMessage(), List.of());
            }
            // The exception's text may hold SQL or internals: it goes to the log, not the client.
            return new Failure(500, "internal", "The server failed; its log says why", List.of());
        }

        Map<String, Object> json() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("status", status);
            json.put("code", code);
            json.put("message", getMessage());
            if (!violations.isEmpty()) {
                json.put("violations", violations.stream().map(v -> Map.of("code", v.code(),
                        "message", v.message(Locale.ENGLISH))).toList());
            }
            return json;
        }
    }
}
