package io.bookingkit.jdbc.internal;

/**
 * How a unit of work locks its resource rows and its customer row.
 *
 * <p>The store always uses {@link #WRITE}. The other two exist for tests and benchmarks, which
 * show through a test-only seam what breaks, and what it costs, without the write.
 */
public enum LockStep {
    /**
     * Bumps the row's {@code lock_version}, then reads it. The row lock keeps two units on one
     * node apart; the changed row makes engines that find conflicts only on written rows
     * (Galera's certification, optimistic and serializable engines) abort one of two units on
     * different nodes at commit. A same-value update would not do: MariaDB skips unchanged rows,
     * so they never reach the write set.
     */
    WRITE,
    /** {@code SELECT … FOR UPDATE}: enough on one primary, local to one node on Galera. */
    SELECT_FOR_UPDATE,
    /** No lock at all: can double-book anywhere. */
    NONE
}
