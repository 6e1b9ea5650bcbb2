/**
 * iCalendar (RFC 5545) export of bookings ({@link io.bookingkit.ical.ICalendar}), for calendar apps
 * and mail attachments; no dependency beyond the JDK.
 */
package io.bookingkit.ical;
