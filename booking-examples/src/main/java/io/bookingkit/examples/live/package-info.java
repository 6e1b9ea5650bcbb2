/**
 * The live availability calendar: {@link io.bookingkit.examples.live.LiveServer}, an HTTP server
 * whose page shows a resource's week and follows the change feed over Server-Sent Events, and
 * {@link io.bookingkit.examples.live.CalendarPage}, the same calendar as a static HTML file.
 */
package io.bookingkit.examples.live;
