/**
 * Micrometer meters for the booking engine. {@link io.bookingkit.micrometer.BookingMetrics} is an
 * {@link io.bookingkit.observe.EngineObserver}: give it to
 * {@link io.bookingkit.BookingEngine.Builder#observer}. {@link io.bookingkit.micrometer.OutboxMetrics}
 * is a {@link io.micrometer.core.instrument.binder.MeterBinder} over a built engine. The meter
 * names and tags are listed on each class.
 */
package io.bookingkit.micrometer;
