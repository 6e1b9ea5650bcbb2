/**
 * The availability change feed: every unit of work that changes a resource's free time records a
 * {@link io.bookingkit.feed.Change} in its own transaction, and readers page through them in
 * order with {@link io.bookingkit.BookingEngine#changes}, resuming from the opaque position of
 * the last {@link io.bookingkit.feed.FeedEntry} they saw. {@link io.bookingkit.feed.Changes}
 * decides which changes a write makes.
 *
 * <p>The guarantee: a reader that resumes from its last position never misses a committed
 * change, however the writers' transactions interleave, and sees each change once. A reader
 * whose position is older than the store keeps changes for gets a page with
 * {@link io.bookingkit.feed.ChangePage#reset()} set, never a silent gap.
 */
package io.bookingkit.feed;
