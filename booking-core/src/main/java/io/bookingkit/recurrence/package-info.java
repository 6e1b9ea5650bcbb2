/**
 * Recurring series: {@link io.bookingkit.recurrence.RecurrenceRule}, the RFC 5545 {@code RRULE}
 * subset with presets, and its expansion to start instants that keep their wall-clock time
 * across daylight-saving changes. API.
 */
package io.bookingkit.recurrence;
