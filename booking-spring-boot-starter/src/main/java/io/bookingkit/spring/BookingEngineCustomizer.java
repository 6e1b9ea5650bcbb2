package io.bookingkit.spring;

import io.bookingkit.BookingEngine;

/**
 * Changes the auto-configured engine's settings before it is built, for what no property sets:
 * {@link BookingEngine.Builder#rules replacing the built-in rules}, the
 * {@link BookingEngine.Builder#dispatcher outbox dispatcher's retry settings}, the
 * {@link BookingEngine.Builder#ids id source}. Every bean of this type is applied, in
 * {@link org.springframework.core.annotation.Order @Order}, after the starter's own settings.
 */
@FunctionalInterface
public interface BookingEngineCustomizer {

    /**
     * Changes the builder's settings; called by the auto-configuration before it builds the engine.
     *
     * @param builder the builder with the starter's settings applied
     */
    void customize(BookingEngine.Builder builder);
}
