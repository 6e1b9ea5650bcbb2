package io.bookingkit.recurrence;

/** What a series does with occurrences that cannot be booked. */
public enum ConflictPolicy {
    /** Any refused occurrence refuses the series; nothing is written. The default. */
    ALL_OR_NOTHING,
    /** The refused occurrences are left out and the rest are booked. */
    SKIP_CONFLICTS,
    /**
     * The refused occurrences are left out, and for a rule with a {@code COUNT} the rule's next
     * occurrences after the last one are tried instead, until the series has as many as planned
     * or the template's horizon ends. A rule with an {@code UNTIL} or without an end keeps its
     * end: there, this is {@link #SKIP_CONFLICTS}.
     */
    APPEND_REPLACEMENTS;

    /**
     * Whether occurrences after the planned ones are tried in place of refused ones.
     *
     * @return true for {@link #APPEND_REPLACEMENTS}
     */
    public boolean triesReplacements() {
        return this == APPEND_REPLACEMENTS;
    }

    /**
     * Whether a series with {@code booked} occurrences that passed and {@code refused} that did not
     * is refused.
     *
     * @param booked  occurrences that passed every rule
     * @param refused occurrences that did not
     * @return true if nothing passed, or under {@link #ALL_OR_NOTHING} something was refused
     */
    public boolean refusesSeries(int booked, int refused) {
        return booked == 0 || (refused > 0 && this == ALL_OR_NOTHING);
    }
}
