package io.bookingkit.spi;

/**
 * What a store tells the engine about a unit of work while it runs it:
 * {@link BookingStore#inUnitOfWork(String, java.util.Collection, java.util.function.Function, UnitProbe)}.
 * Called on the unit's thread; implementations are the engine's, and quick.
 */
@FunctionalInterface
public interface UnitProbe {

    /** The probe that listens to nothing, for stores called without one. */
    UnitProbe NONE = cause -> {
    };

    /**
     * The store rolled the unit back and is about to run it again.
     *
     * @param cause the SQLSTATE the database reported, or another short code naming why
     */
    void retrying(String cause);
}
