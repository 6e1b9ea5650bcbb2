package io.bookingkit.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bookingkit.error.InvalidRequestException;
import io.bookingkit.feed.ChangePage;
import io.bookingkit.feed.Changes;
import io.bookingkit.feed.FeedEntry;
import io.bookingkit.resource.Resource;
import io.bookingkit.schedule.OpeningHours;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The position arithmetic every {@link ChangeLog} shares. A reader's position is the only thing
 * it keeps between reads, so the head must resume it exactly where it was, and answer a position
 * it cannot resume (pruned past, from the future, from another feed) with a reset rather than a
 * silent gap; and a position no feed hands out is the caller's mistake, refused by name.
 */
class FeedHeadTest {

    /** A feed that numbered changes 1..10 and forgot 1..3. */
    private static final FeedHead HEAD = new FeedHead("abc123", 10, 3);

    @Test
    void theEmptyHeadHasNoEpochNoChangesAndTheEmptyPosition() {
        FeedHead none = FeedHead.none();

        assertEquals("", none.epoch());
        assertEquals(0, none.last());
        assertEquals(0, none.prunedThrough());
        assertEquals("", none.position());
        assertThrows(IllegalStateException.class, () -> none.positionOf(1));
    }

    @Test
    void aStartedFeedHasAFreshTwelveCharacterEpochAtNumberZero() {
        FeedHead one = FeedHead.start();
        FeedHead other = FeedHead.start();

        assertTrue(one.epoch().matches("[0-9a-z]{12}"), one.epoch());
        assertEquals(0, one.last());
        assertEquals(0, one.prunedThrough());
        assertEquals(one.epoch() + ".0", one.position());
        // Two feeds (a database restored or recreated) must not accept each other's positions.
        assertNotEquals(one.epoch(), other.epoch());
    }

    @Test
    void positionsAreEpochDotNumber() {
        assertEquals("abc123.10", HEAD.position());
        assertEquals("abc123.7", HEAD.positionOf(7));
    }

    @Test
    void advancingNumbersMoreChangesAndKeepsEpochAndPruning() {
        FeedHead advanced = HEAD.advancedBy(5);

        assertEquals(new FeedHead("abc123", 15, 3), advanced);
        assertEquals("abc123.15", advanced.position());
        assertEquals(HEAD, HEAD.advancedBy(0));
        assertEquals(new FeedHead("e", 1, 0), new FeedHead("e", 0, 0).advancedBy(1));
    }

    @Test
    void theEmptyPositionResumesAfterTheNewestChangeForgotten() {
        assertEquals(OptionalLong.of(3), HEAD.resumeAfter(""));
        assertEquals(OptionalLong.of(0), FeedHead.none().resumeAfter(""));
        assertEquals(OptionalLong.of(0), FeedHead.start().resumeAfter(""));
    }

    @Test
    void anOwnPositionStillKeptResumesAfterItsNumber() {
        assertEquals(OptionalLong.of(3), HEAD.resumeAfter("abc123.3"), "the newest forgotten: nothing is missing after it");
        assertEquals(OptionalLong.of(7), HEAD.resumeAfter("abc123.7"));
        assertEquals(OptionalLong.of(10), HEAD.resumeAfter("abc123.10"), "the newest: a reader that is up to date");
        FeedHead started = FeedHead.start();
        assertEquals(OptionalLong.of(0), started.resumeAfter(started.position()));
    }

    @Test
    void aPositionBeforeTheOldestKeptChangeMeansReset() {
        assertEquals(OptionalLong.empty(), HEAD.resumeAfter("abc123.2"));
        assertEquals(OptionalLong.empty(), HEAD.resumeAfter("abc123.0"));
    }

    @Test
    void aPositionPastTheNewestChangeMeansReset() {
        // Only a feed that lost changes (a restored backup) hands a reader a higher number back.
        assertEquals(OptionalLong.empty(), HEAD.resumeAfter("abc123.11"));
        assertEquals(OptionalLong.empty(), HEAD.resumeAfter("abc123.999999999999999999"));
    }

    @Test
    void aPositionOfAnotherFeedMeansResetWhateverItsNumber() {
        assertEquals(OptionalLong.empty(), HEAD.resumeAfter("abc124.5"));
        assertEquals(OptionalLong.empty(), HEAD.resumeAfter("abc12.5"));
        assertEquals(OptionalLong.empty(), FeedHead.none().resumeAfter("abc123.0"),
                "a feed without changes has no positions to resume from");
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "a.b", "A.1", "x.-1", "x.1.2", "x.", ".1", " x.1", "x.1 ", "x.+1",
            "x.1234567890123456789", "abcdefghijklmnopqrstuvwxyz0123456.1"})
    void aStringNoFeedHandsOutIsRefusedByName(String malformed) {
        InvalidRequestException refused = assertThrows(InvalidRequestException.class, () -> HEAD.resumeAfter(malformed));

        assertTrue(refused.getMessage().contains("'" + malformed + "'"), refused.getMessage());
    }

    @Test
    void theLongestEpochAndNumberArePositions() {
        String epoch = "abcdefghijklmnopqrstuvwxyz012345"; // 32 characters
        FeedHead longest = new FeedHead(epoch, 999_999_999_999_999_999L, 0);

        assertEquals(OptionalLong.of(999_999_999_999_999_999L), longest.resumeAfter(longest.position()));
    }

    @Test
    void aNullPositionIsRefused() {
        assertThrows(NullPointerException.class, () -> HEAD.resumeAfter(null));
    }

    @Test
    void theNumbersMustBeInOrderAndNotNegative() {
        assertRefused(() -> new FeedHead("e", 3, 4), "last 3, prunedThrough 4");
        assertRefused(() -> new FeedHead("e", -1, 0), "last -1");
        assertRefused(() -> new FeedHead("e", 0, -1), "prunedThrough -1");
        assertRefused(() -> new FeedHead("", 1, 0), "epoch '', last 1");
        // Equal numbers are a feed whose every change was forgotten.
        assertEquals(OptionalLong.of(4), new FeedHead("e", 4, 4).resumeAfter(""));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ABC", "a-b", "a.b", "a b", "é", "abcdefghijklmnopqrstuvwxyz0123456"})
    void anEpochOfOtherCharactersOrTooLongIsRefused(String epoch) {
        assertRefused(() -> new FeedHead(epoch, 0, 0), "'" + epoch + "'");
    }

    @Test
    void aPageWithEntriesResumesFromTheLastAndCarriesMore() {
        FeedEntry fifth = entry(HEAD.positionOf(5));
        FeedEntry sixth = entry(HEAD.positionOf(6));

        ChangePage page = HEAD.page(4, List.of(fifth, sixth), true);

        assertEquals(List.of(fifth, sixth), page.entries());
        assertEquals("abc123.6", page.position());
        assertTrue(page.more());
        assertFalse(page.reset());
        assertFalse(HEAD.page(4, List.of(fifth), false).more());
    }

    @Test
    void anEmptyPageResumesFromWhereTheReaderWas() {
        assertEquals(ChangePage.empty("abc123.10"), HEAD.page(10, List.of(), false));
        // A reader that came with "" is handed a real position to come back with.
        assertEquals(ChangePage.empty("abc123.3"), HEAD.page(HEAD.resumeAfter("").getAsLong(), List.of(), false));
        assertEquals(ChangePage.empty(""), FeedHead.none().page(0, List.of(), false));
    }

    private static FeedEntry entry(String position) {
        Resource court = Resource.of("club", "court", "Court", OpeningHours.parse("Mo-Su 08:00-20:00", ZoneOffset.UTC));
        return new FeedEntry(position, Changes.ofResource(court, Instant.parse("2026-09-01T08:00:00Z")));
    }

    private static void assertRefused(org.junit.jupiter.api.function.Executable construct, String named) {
        InvalidRequestException refused = assertThrows(InvalidRequestException.class, construct);
        assertTrue(refused.getMessage().contains(named), refused.getMessage());
    }
}
