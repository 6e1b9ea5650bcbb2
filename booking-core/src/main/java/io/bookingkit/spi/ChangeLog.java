package io.bookingkit.spi;

import io.bookingkit.feed.ChangePage;
import java.time.Instant;

/**
 * The stored side of the availability feed: units of work add changes
 * ({@link UnitOfWork#recordChange}, {@link BookingStore#saveResource(io.bookingkit.resource.Resource,
 * io.bookingkit.feed.Change)}); readers on any node page through them in order. Thread-safe.
 *
 * <p>What a store must guarantee: positions grow in the order changes become visible to readers,
 * so that a reader that saw a position can never later see a change before it. A plain sequence
 * or auto-increment id taken when the change is written does not: a transaction can take a
 * lower number and commit after a reader has passed a higher one. {@link FeedHead} does the
 * position arithmetic every store shares.
 */
public interface ChangeLog {

    /**
     * The changes of {@code tenantId} after {@code afterPosition}, oldest first.
     *
     * @param tenantId      the tenant whose feed to read
     * @param afterPosition a position this feed handed out; the empty string for the oldest
     *                      change kept
     * @param limit         the most changes to return, positive
     * @return the page; a reset page when {@code afterPosition} is from another feed, from
     *         before the oldest change kept, or past the newest
     * @throws io.bookingkit.error.InvalidRequestException if {@code afterPosition} is not a
     *         position of any feed, or {@code limit} is not positive
     */
    ChangePage read(String tenantId, String afterPosition, int limit);

    /**
     * The position of {@code tenantId}'s newest change: a reader that resumes from it reads only
     * changes committed after this call.
     *
     * @param tenantId the tenant whose feed to look at
     * @return the position; never empty: a feed that has had no change starts here (at its
     *         epoch's number 0), so that a reader holding it is reset once later changes are
     *         pruned before it reads them
     */
    String head(String tenantId);

    /**
     * Forgets changes made before {@code before}, of every tenant, at most about {@code limit}
     * of them; a reader from a position older than what is left gets a reset.
     *
     * @param before the instant changes older than it go
     * @param limit  roughly the most changes to remove in this call, positive
     * @return how many changes were removed
     */
    int prune(Instant before, int limit);
}
