/**
 * Signed JSON webhooks for bookingkit's notifications. {@link io.bookingkit.notify.webhook.WebhookNotifier}
 * is a {@link io.bookingkit.notify.NotificationPort}: give it to
 * {@link io.bookingkit.BookingEngine.Builder#notifications}. Its class documentation describes the
 * JSON (schema 1), the headers, how a receiver verifies the signature, and which responses are
 * retried and which park the message.
 */
package io.bookingkit.notify.webhook;
