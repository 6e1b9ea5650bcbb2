/**
 * The ports a store implements: {@link io.bookingkit.spi.BookingStore}, its
 * {@link io.bookingkit.spi.BookingReads}, {@link io.bookingkit.spi.UnitOfWork} and
 * {@link io.bookingkit.spi.Outbox}, and the exceptions a store reports to the core. SPI: for
 * store authors, who check their store with the contract suite in {@code booking-test-support}.
 */
package io.bookingkit.spi;
