package io.bookingkit.feed;

import io.bookingkit.error.InvalidRequestException;
import io.bookingkit.internal.Require;
import java.util.List;

/**
 * One read of a tenant's feed: the changes after the position the reader gave, oldest first.
 *
 * <p>Resume from {@link #position()}: the last entry's position, or the reader's own when
 * nothing came. When {@link #reset()} is true the feed no longer has every change after the
 * reader's position (it was older than the store keeps, or from another feed): the page is
 * empty, and the reader re-reads everything it shows, then resumes from {@link #position()},
 * which was taken before that re-read can start, so nothing falls between.
 *
 * @param entries  the changes, in feed order
 * @param position where to resume; empty when the feed has had no change yet
 * @param reset    whether the reader must re-read everything before resuming
 * @param more     whether more changes were there than the limit let in
 */
public record ChangePage(List<FeedEntry> entries, String position, boolean reset, boolean more) {

    /**
     * Checks the parts.
     *
     * @param entries  the changes, in feed order
     * @param position where to resume
     * @param reset    whether the reader must re-read everything
     * @param more     whether more changes were there
     *
     * @throws InvalidRequestException if a reset page has entries, or {@code position} is not the
     *         last entry's
     */
    public ChangePage {
        entries = List.copyOf(Require.elements(entries, "entries"));
        Require.nonNull(position, "position");
        if (reset && (!entries.isEmpty() || more)) {
            throw new InvalidRequestException("A reset page carries no changes, but had " + entries.size());
        }
        if (!entries.isEmpty() && !entries.get(entries.size() - 1).position().equals(position)) {
            throw new InvalidRequestException("A page resumes from its last entry's position "
                    + entries.get(entries.size() - 1).position() + ", not from " + position);
        }
    }

    /**
     * A page without changes, at {@code position}.
     *
     * @param position where to resume
     * @return the empty page
     */
    public static ChangePage empty(String position) {
        return new ChangePage(List.of(), position, false, false);
    }

    /**
     * The answer for a reader that must start over.
     *
     * @param position where to resume after re-reading everything
     * @return the reset page
     */
    public static ChangePage resetTo(String position) {
        return new ChangePage(List.of(), position, true, false);
    }
}
