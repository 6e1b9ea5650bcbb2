package io.bookingkit.slot;

import java.util.List;
import org.quicktheories.core.RandomnessSource;
import org.quicktheories.impl.Constraint;

/** Draws from QuickTheories' randomness, so that a failing scenario shrinks value by value. */
record Draw(RandomnessSource in) {

    int between(int min, int max) {
        return (int) in.next(Constraint.between(min, max));
    }

    boolean percent(int p) {
        return between(0, 99) < p;
    }

    <T> T pick(List<T> options) {
        return options.get(between(0, options.size() - 1));
    }
}
