/**
 * The store on PostgreSQL, MariaDB/MySQL and H2: {@link io.bookingkit.jdbc.JdbcBookingStore} and
 * {@link io.bookingkit.jdbc.Schema}. API.
 */
package io.bookingkit.jdbc;
