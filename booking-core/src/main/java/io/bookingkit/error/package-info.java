/**
 * The root of every exception bookingkit throws on purpose ({@link io.bookingkit.error.BookingException}),
 * and the two that every package may throw: {@link io.bookingkit.error.InvalidRequestException}
 * and {@link io.bookingkit.error.StorageException}. API. A leaf: it imports nothing of bookingkit.
 * The other exceptions live beside the feature that throws them.
 */
package io.bookingkit.error;
