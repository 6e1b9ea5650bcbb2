package io.bookingkit;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Tells an engine's waiting feed readers that one of its units committed, so they read the feed
 * at once instead of at their next poll. A generation counter rather than a plain notify: a
 * commit between a reader's read and its wait is not lost. A lock rather than a monitor, so that
 * a virtual thread waiting here does not hold its carrier thread (Java 21 to 23 pin it in
 * {@code Object.wait}). Thread-safe.
 */
final class ChangeSignal {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition moved = lock.newCondition();
    private long generation;

    void changed() {
        lock.lock();
        try {
            generation++;
            moved.signalAll();
        } finally {
            lock.unlock();
        }
    }

    long generation() {
        lock.lock();
        try {
            return generation;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until the generation moves past {@code seen}, or {@code nanos} pass.
     *
     * @return false if the thread was interrupted
     */
    boolean awaitAfter(long seen, long nanos) {
        lock.lock();
        try {
            for (long left = nanos; generation == seen && left > 0; ) {
                left = moved.awaitNanos(left);
            }
            return true;
        } catch (InterruptedException e) {
            return false;
        } finally {
            lock.unlock();
        }
    }
}
