/**
 * Statistics of bookings with stated definitions: {@link io.bookingkit.analytics.StatsQuery}
 * asks, {@link io.bookingkit.BookingEngine#stats} answers with {@link io.bookingkit.analytics.BookingStats}.
 * Every figure's Javadoc says what it counts and by which time it buckets; the store adds up
 * ({@link io.bookingkit.spi.BookingStore#aggregate}: the JDBC store in SQL on PostgreSQL and
 * MariaDB), the definitions live here.
 */
package io.bookingkit.analytics;
