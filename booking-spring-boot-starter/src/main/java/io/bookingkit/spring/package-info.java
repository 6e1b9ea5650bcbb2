/**
 * Spring Boot auto-configuration of bookingkit: a {@link io.bookingkit.jdbc.JdbcBookingStore}
 * on the application's {@code DataSource} ({@link io.bookingkit.spring.BookingJdbcAutoConfiguration}),
 * a {@link io.bookingkit.BookingEngine} with its templates ({@link io.bookingkit.spring.BookingAutoConfiguration}),
 * and maintenance and notification delivery on Spring's {@code TaskScheduler}
 * ({@link io.bookingkit.spring.BookingSchedulingAutoConfiguration}), each set with
 * {@link io.bookingkit.spring.BookingProperties} and each bean replaceable by the application's own.
 * API; {@code io.bookingkit.spring.internal} is not.
 */
package io.bookingkit.spring;
