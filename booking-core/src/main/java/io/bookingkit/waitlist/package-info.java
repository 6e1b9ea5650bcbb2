/**
 * Waitlists: customers queue for a taken session ({@link io.bookingkit.waitlist.WaitlistRequest}),
 * first come, first served; seats that free up are offered to the first entries whose party fits,
 * as {@code HELD} bookings, in the unit of work that freed them.
 */
package io.bookingkit.waitlist;
