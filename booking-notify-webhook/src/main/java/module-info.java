/**
 * Webhook notifications for bookingkit: {@link io.bookingkit.notify.webhook.WebhookNotifier} is a
 * {@link io.bookingkit.notify.NotificationPort} that POSTs each notification as signed JSON to the
 * configured URLs. Only the API package is exported; {@code io.bookingkit.notify.webhook.internal}
 * (the JSON, the signature, the HTTP exchange) is not.
 */
module io.bookingkit.notify.webhook {
    requires transitive io.bookingkit.core;
    // Used inside only (a tree written with Jackson's streaming writer); no Jackson type is in
    // the API, and nothing is read reflectively, so nothing is opened to it.
    requires com.fasterxml.jackson.databind;
    requires java.net.http;
    requires org.slf4j;

    exports io.bookingkit.notify.webhook;
}
