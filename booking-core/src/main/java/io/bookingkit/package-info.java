/**
 * The engine: {@link io.bookingkit.BookingEngine}, the facade an application calls, with its
 * {@link io.bookingkit.ResourceRegistry} and the {@link io.bookingkit.OutboxDispatcher} that
 * delivers notifications. API. Everything the engine decides is decided in the packages named
 * after each concept; this package only orchestrates.
 */
package io.bookingkit;
