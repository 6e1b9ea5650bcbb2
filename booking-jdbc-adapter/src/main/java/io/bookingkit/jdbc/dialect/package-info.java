/**
 * What differs between databases, one {@link io.bookingkit.jdbc.dialect.Dialect} per database,
 * detected from the connection's metadata. API, for choosing or overriding a dialect.
 */
package io.bookingkit.jdbc.dialect;
