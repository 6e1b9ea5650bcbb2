package io.bookingkit.feed;

import io.bookingkit.error.InvalidRequestException;
import io.bookingkit.internal.Require;

/**
 * A change as the feed hands it out, with its position: resume after {@code position} to read
 * what came next. Positions are opaque: compare them only for equality, and hand them back to
 * the store that issued them (an SSE event's {@code id}, a client's {@code Last-Event-ID}).
 *
 * @param position where this change is in its tenant's feed
 * @param change   what changed
 */
public record FeedEntry(String position, Change change) {

    /**
     * Checks the parts.
     *
     * @param position where this change is in its tenant's feed
     * @param change   what changed
     *
     * @throws InvalidRequestException if {@code position} is empty
     */
    public FeedEntry {
        Require.nonNull(position, "position");
        Require.nonNull(change, "change");
        if (position.isEmpty()) {
            throw new InvalidRequestException("A feed entry's position must not be empty (the empty position means"
                    + " 'before the first change'), for the change of resource '" + change.resourceId() + "'");
        }
    }
}
