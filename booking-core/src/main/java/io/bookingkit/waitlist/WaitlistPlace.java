package io.bookingkit.waitlist;

import io.bookingkit.internal.Require;
import java.util.OptionalInt;

/**
 * An entry and where it stands in its queue.
 *
 * @param entry    the entry
 * @param position for a waiting entry, 1 for the next in line, counting the waiting entries that
 *                 joined before it and compete for one of its resources at its start; empty for
 *                 every other status
 */
public record WaitlistPlace(WaitlistEntry entry, OptionalInt position) {

    /**
     * Validates the components.
     *
     * @param entry    the entry
     * @param position for a waiting entry, 1 for the next in line, counting the waiting entries
     *                 that joined before it and compete for one of its resources at its start;
     *                 empty for every other status
     */
    public WaitlistPlace {
        Require.nonNull(entry, "entry");
        Require.nonNull(position, "position");
    }
}
