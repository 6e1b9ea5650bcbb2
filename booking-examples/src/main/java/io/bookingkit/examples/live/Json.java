package io.bookingkit.examples.live;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bookingkit.booking.Booking;
import io.bookingkit.error.InvalidRequestException;
import io.bookingkit.feed.Change;
import io.bookingkit.resource.Resource;
import io.bookingkit.slot.Slot;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.threeten.extra.Interval;

/**
 * The server's JSON: what it writes (plain maps and lists, instants as ISO-8601 text, so no
 * java.time module is needed) and the checks on what it reads, naming the bad value.
 */
final class Json {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    static byte[] bytes(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    static String text(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    static Map<String, Object> resource(Resource resource, String templateName) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", resource.id());
        json.put("name", resource.name());
        json.put("zone", resource.zone().getId());
        json.put("capacity", resource.capacity());
        json.put("template", templateName);
        return json;
    }

    static Map<String, Object> booking(Booking booking) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", booking.id());
        json.put("resourceId", booking.resourceId());
        json.put("customer", booking.customerId());
        json.put("template", booking.templateName());
        json.put("start", booking.interval().getStart().toString());
        json.put("end", booking.interval().getEnd().toString());
        json.put("status", booking.status().name());
        json.put("partySize", booking.partySize());
        json.put("version", booking.version());
        return json;
    }

    /** A change of the feed; the interval of a resource's own change is unbounded both ways (nulls). */
    static Map<String, Object> change(Change change) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("tenantId", change.tenantId());
        json.put("resourceId", change.resourceId());
        json.put("kind", change.kind().name());
        json.put("bookingId", change.bookingId().orElse(null));
        json.put("status", change.status().map(Enum::name).orElse(null));
        json.putAll(interval(change.interval()));
        json.put("at", change.at().toString());
        return json;
    }

    static Map<String, Object> slot(Slot slot) {
        Map<String, Object> json = interval(slot.interval());
        json.put("remainingSeats", slot.remainingSeats());
        return json;
    }

    /** An interval; an unbounded end is {@code null}. */
    static Map<String, Object> interval(Interval interval) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("start", interval.isUnboundedStart() ? null : interval.getStart().toString());
        json.put("end", interval.isUnboundedEnd() ? null : interval.getEnd().toString());
        return json;
    }

    static List<Map<String, Object>> intervals(List<Interval> intervals) {
        return intervals.stream().map(Json::interval).toList();
    }

    /** The body of a request as a JSON object. */
    static ObjectNode object(byte[] body) {
        JsonNode node;
        try {
            node = MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw new InvalidRequestException("The request body is not JSON: " + e.getOriginalMessage());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        if (node == null || node.isMissingNode()) {
            throw new InvalidRequestException("The request body is empty; a JSON object was expected");
        }
        if (!(node instanceof ObjectNode object)) {
            throw new InvalidRequestException("The request body must be a JSON object, but was " + node);
        }
        return object;
    }

    /** A text field that must be there. */
    static String requiredText(ObjectNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            throw new InvalidRequestException(field + " is missing");
        }
        if (!value.isTextual()) {
            throw new InvalidRequestException(field + " must be a string, but was " + value);
        }
        return value.asText();
    }

    /** A text field that may be missing or null, in which case {@code fallback}. */
    static String optionalText(ObjectNode body, String field, String fallback) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isTextual()) {
            throw new InvalidRequestException(field + " must be a string, but was " + value);
        }
        return value.asText();
    }

    static Instant instant(String text, String field) {
        try {
            return Instant.parse(text);
        } catch (DateTimeException e) {
            throw new InvalidRequestException(field + " '" + text + "' is not an instant (ISO-8601 in UTC, such as"
                    + " 2026-12-22T13:00:00Z)");
        }
    }

    static LocalDate date(String text, String field) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeException e) {
            throw new InvalidRequestException(field + " '" + text + "' is not a date (YYYY-MM-DD, such as 2026-12-21)");
        }
    }
}
