package io.bookingkit.notify.webhook.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bookingkit.booking.Booking;
import io.bookingkit.notify.CalendarAttachment;
import io.bookingkit.notify.Notification;

/**
 * A notification as the webhook's JSON, schema 1 (described on
 * {@link io.bookingkit.notify.webhook.WebhookNotifier}). The document is built as a tree, field by
 * field, so that its shape is exactly the documented one whatever Jackson's defaults: instants are
 * ISO-8601 strings, enums their names, and an absent optional value leaves its field out (no
 * field is ever {@code null}). Thread-safe.
 */
public final class NotificationJson {

    /** The version of the document's shape, the {@code schema} field. */
    public static final int SCHEMA = 1;

    // Thread-safe once configured; only its tree writer is used.
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private NotificationJson() {
    }

    /**
     * {@code notification} as the webhook's body.
     *
     * @param notification the notification
     * @return the JSON document, UTF-8
     */
    public static byte[] write(Notification notification) {
        try {
            return MAPPER.writeValueAsBytes(tree(notification));
        } catch (JsonProcessingException e) {
            // A tree of strings and numbers always writes; this would be a bug.
            throw new IllegalStateException("Could not write the JSON of notification " + notification.dedupeKey(), e);
        }
    }

    /**
     * {@code notification} as the document's tree.
     *
     * @param notification the notification
     * @return the document
     */
    static ObjectNode tree(Notification notification) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("schema", SCHEMA);
        root.put("kind", notification.kind().name());
        root.put("dedupeKey", notification.dedupeKey());
        root.put("recipient", notification.recipient());
        notification.channel().ifPresent(channel -> root.put("channel", channel.name()));
        root.put("locale", notification.locale().toLanguageTag());
        booking(root.putObject("booking"), notification.booking());
        notification.calendar().ifPresent(calendar -> calendar(root.putObject("calendar"), calendar));
        return root;
    }

    private static void booking(ObjectNode node, Booking booking) {
        node.put("id", booking.id());
        node.put("tenant", booking.tenantId());
        node.put("template", booking.templateName());
        ArrayNode resources = node.putArray("resources");
        booking.resourceIds().forEach(resources::add);
        node.put("start", booking.interval().getStart().toString());
        node.put("end", booking.interval().getEnd().toString());
        node.put("status", booking.status().name());
        node.put("version", booking.version());
    }

    private static void calendar(ObjectNode node, CalendarAttachment calendar) {
        node.put("fileName", calendar.fileName());
        node.put("mediaType", calendar.mediaType());
        node.put("text", calendar.text());
    }
}
