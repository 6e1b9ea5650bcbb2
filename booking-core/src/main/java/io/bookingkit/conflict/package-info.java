/**
 * Which blocking bookings stand in the way of a time on a resource, seats and buffers counted:
 * {@link io.bookingkit.conflict.ConflictEngine}. API.
 */
package io.bookingkit.conflict;
