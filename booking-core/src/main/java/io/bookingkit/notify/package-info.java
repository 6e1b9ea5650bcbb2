/**
 * What changes tell: {@link io.bookingkit.notify.BookingEvent}s for listeners after commit, and
 * outbox messages for the {@link io.bookingkit.notify.NotificationPort}, made in one place,
 * {@link io.bookingkit.notify.Notices}. API; {@code NotificationPort} and {@code BookingListener}
 * are implemented by applications.
 */
package io.bookingkit.notify;
