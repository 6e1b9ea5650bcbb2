/**
 * Bookings and who may change them: {@link io.bookingkit.booking.Booking}, its statuses, the
 * {@link io.bookingkit.booking.Lifecycle} table with its conditions, {@link io.bookingkit.booking.Actor}s
 * and their {@link io.bookingkit.booking.Permissions}, requests, and the exceptions of these
 * decisions. API.
 */
package io.bookingkit.booking;
