package io.bookingkit.spi;

import io.bookingkit.error.InvalidRequestException;
import io.bookingkit.feed.ChangePage;
import io.bookingkit.feed.FeedEntry;
import io.bookingkit.internal.Require;
import java.util.List;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where one tenant's feed stands, and the position arithmetic every {@link ChangeLog} shares:
 * changes are numbered 1, 2, 3, … within an epoch, and a position is {@code epoch.number}. The
 * epoch is drawn once per feed, so a position from another database (or a feed whose tables
 * were recreated) is recognised as foreign and answered with a reset instead of a wrong resume.
 * A database restored from a backup keeps its epoch while its numbers go back: give the
 * restored feed a new epoch (see the README), or readers past the restored head are reset but
 * those below it resume on numbers that now name other changes.
 *
 * @param epoch         the feed's epoch; empty for a feed that has had no change yet
 * @param last          the number of its newest change; 0 if none
 * @param prunedThrough the number of the newest change forgotten; 0 if none
 */
public record FeedHead(String epoch, long last, long prunedThrough) {

    private static final Pattern POSITION = Pattern.compile("([0-9a-z]{1,32})\\.([0-9]{1,18})");
    private static final FeedHead NONE = new FeedHead("", 0, 0);

    /**
     * Checks the numbers.
     *
     * @param epoch         the feed's epoch
     * @param last          the number of its newest change
     * @param prunedThrough the number of the newest change forgotten
     *
     * @throws InvalidRequestException if the epoch has other characters than {@code 0-9a-z}, or
     *         the numbers are negative or out of order
     */
    public FeedHead {
        Require.nonNull(epoch, "epoch");
        if (!epoch.isEmpty() && !POSITION.matcher(epoch + ".0").matches()) {
            throw new InvalidRequestException("A feed epoch is 1 to 32 of 0-9 and a-z, not '" + epoch + "'");
        }
        if (prunedThrough < 0 || last < prunedThrough || (epoch.isEmpty() && last != 0)) {
            throw new InvalidRequestException("A feed head needs 0 <= prunedThrough <= last (and an epoch once"
                    + " last > 0), but had epoch '" + epoch + "', last " + last + ", prunedThrough " + prunedThrough);
        }
    }

    /**
     * The head of a feed that has had no change yet.
     *
     * @return the empty head
     */
    public static FeedHead none() {
        return NONE;
    }

    /**
     * A new feed's head, with a fresh random epoch.
     *
     * @return the head, at number 0
     */
    public static FeedHead start() {
        return new FeedHead(UUID.randomUUID().toString().replace("-", "").substring(0, 12), 0, 0);
    }

    /**
     * The position of the newest change.
     *
     * @return {@code epoch.last}; the empty string for a feed without epoch
     */
    public String position() {
        return epoch.isEmpty() ? "" : positionOf(last);
    }

    /**
     * The position of change number {@code number}.
     *
     * @param number a change's number in this feed
     * @return {@code epoch.number}
     */
    public String positionOf(long number) {
        if (epoch.isEmpty()) {
            throw new IllegalStateException("A feed without an epoch has no positions");
        }
        return epoch + "." + number;
    }

    /**
     * This head after {@code count} more changes were numbered.
     *
     * @param count how many changes were numbered
     * @return the head, {@code count} later
     */
    public FeedHead advancedBy(long count) {
        return new FeedHead(epoch, last + count, prunedThrough);
    }

    /**
     * The page a reader gets that asked after number {@code after} (as {@link #resumeAfter}
     * returned it) and found {@code entries}.
     *
     * @param after   the number the reader read after
     * @param entries what came after it, in order, at most the reader's limit
     * @param more    whether more came than the limit let in
     * @return the page, resuming from the last entry, else from where the reader was
     */
    public ChangePage page(long after, List<FeedEntry> entries, boolean more) {
        if (!entries.isEmpty()) {
            return new ChangePage(entries, entries.get(entries.size() - 1).position(), false, more);
        }
        return ChangePage.empty(epoch.isEmpty() ? "" : positionOf(after));
    }

    /**
     * The number after which a reader at {@code afterPosition} reads on.
     *
     * @param afterPosition the reader's position; empty for the oldest change kept
     * @return the number to read after; empty when the reader must reset: the position is from
     *         another feed, from before the oldest change kept, or past the newest
     * @throws InvalidRequestException if {@code afterPosition} is not a position of any feed
     */
    public OptionalLong resumeAfter(String afterPosition) {
        Require.nonNull(afterPosition, "afterPosition");
        if (afterPosition.isEmpty()) {
            return OptionalLong.of(prunedThrough);
        }
        Matcher m = POSITION.matcher(afterPosition);
        if (!m.matches()) {
            throw new InvalidRequestException("'" + afterPosition + "' is not a feed position: positions are handed"
                    + " out by the feed (epoch.number), or empty for the oldest change kept");
        }
        long number = Long.parseLong(m.group(2));
        if (!m.group(1).equals(epoch) || number < prunedThrough || number > last) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(number);
    }
}
