package io.bookingkit.time;

import java.util.List;
import org.quicktheories.core.RandomnessSource;
import org.quicktheories.impl.Constraint;

/**
 * Draws from QuickTheories' randomness, so that a failing scenario shrinks value by value. The
 * property tests of every package build their scenarios with it.
 */
public record Draw(RandomnessSource in) {

    public int between(int min, int max) {
        return (int) in.next(Constraint.between(min, max));
    }

    public boolean percent(int p) {
        return between(0, 99) < p;
    }

    public <T> T pick(List<T> options) {
        return options.get(between(0, options.size() - 1));
    }

    /** A number from {@code min} to {@code max}, negated half of the time. */
    public int signed(int min, int max) {
        int n = between(min, max);
        return percent(50) ? n : -n;
    }
}
