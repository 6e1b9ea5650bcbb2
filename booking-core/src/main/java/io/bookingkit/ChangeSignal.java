package io.bookingkit;

/**
 * Tells an engine's waiting feed readers that one of its units committed, so they read the feed
 * at once instead of at their next poll. A generation counter rather than a plain notify: a
 * commit between a reader's read and its wait is not lost. Thread-safe.
 */
final class ChangeSignal {

    private long generation;

    synchronized void changed() {
        generation++;
        notifyAll();
    }

    synchronized long generation() {
        return generation;
    }

    /**
     * Waits until the generation moves past {@code seen}, or {@code nanos} pass.
     *
     * @return false if the thread was interrupted
     */
    synchronized boolean awaitAfter(long seen, long nanos) {
        long deadline = System.nanoTime() + nanos;
        try {
            for (long left = nanos; generation == seen && left > 0; left = deadline - System.nanoTime()) {
                wait(Math.max(1, left / 1_000_000), 0);
            }
            return true;
        } catch (InterruptedException e) {
            return false;
        }
    }
}
