/**
 * Group sessions: the bookings of a seated template on one resource at one start, with their
 * seats and quorum ({@link io.bookingkit.session.Session}).
 */
package io.bookingkit.session;
