package io.bookingkit.observe;

/**
 * Receives measurements of the engine's work: register one with
 * {@link io.bookingkit.BookingEngine.Builder#observer}. Every method is called on the thread that
 * did the work, after it, so an observer must be quick and thread-safe; one that throws is
 * logged and changes neither the work nor what the other observers hear. Every method does
 * nothing by default.
 */
public interface EngineObserver {

    /**
     * A call to book, hold, or take a lifecycle step ended.
     *
     * @param outcome what was asked, how it ended and how long it took
     */
    default void writeFinished(WriteOutcome outcome) {
    }

    /**
     * A unit of work was rolled back and is run again.
     *
     * @param cause why: the SQLSTATE the database reported (or its vendor code where it gave
     *              none) for a store's retry, {@value UnitTiming#WAITLIST_ENTRY_CHANGED} when
     *              the unit lost a waitlist entry to a unit on another resource
     */
    default void unitRetried(String cause) {
    }

    /**
     * A unit of work ended: committed, or given up with an exception.
     *
     * @param timing how long it waited for its locks and ran in all
     */
    default void unitFinished(UnitTiming timing) {
    }
}
