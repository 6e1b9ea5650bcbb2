package io.bookingkit.testsupport;

import static io.bookingkit.testsupport.ContractData.OTHER_TENANT;
import static io.bookingkit.testsupport.ContractData.TENANT;
import static io.bookingkit.testsupport.ContractData.at;
import static io.bookingkit.testsupport.ContractData.between;
import static io.bookingkit.testsupport.ContractData.booking;
import static io.bookingkit.testsupport.ContractData.resource;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bookingkit.booking.BookingStatus;
import io.bookingkit.error.InvalidRequestException;
import io.bookingkit.feed.Change;
import io.bookingkit.feed.ChangeKind;
import io.bookingkit.feed.ChangePage;
import io.bookingkit.feed.FeedEntry;
import io.bookingkit.resource.Resource;
import io.bookingkit.spi.BookingStore;
import io.bookingkit.spi.ChangeLog;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.threeten.extra.Interval;

/**
 * The availability feed ({@link io.bookingkit.spi.ChangeLog}): a unit of work's changes commit
 * with it, and a unit that throws leaves none; readers get each tenant's changes oldest first,
 * with every field as recorded (instants to the microsecond), in pages of at most their limit,
 * and resume from a page's position with nothing repeated or skipped; the head is the newest
 * position, the same from every node. A position from another feed, or past the head, gets a
 * reset page at the head; a malformed one is refused. Pruning forgets old changes, counts them,
 * and sends readers from before them a reset while later readers go on. The port records only
 * what it is given: the core records a unit's booking changes itself, so an adapter's
 * {@code insert} adds none. A race ({@link ChangeFeedRace}) checks exactly-once delivery while
 * units commit out of order on two nodes.
 */
public interface ChangeFeedContract extends StoreFixture {

    /**
     * How many writer threads the feed race runs; a slow store may run fewer.
     *
     * @return 6 by default
     */
    default int feedRaceWriters() {
        return 6;
    }

    /**
     * How many units each writer of the feed race runs.
     *
     * @return 40 by default
     */
    default int feedRaceUnits() {
        return 40;
    }

    private static Change created(String tenantId, String bookingId, String time) {
        return new Change(tenantId, "room-1", between("10:00:00", "10:30:00"), ChangeKind.CREATED,
                Optional.of(bookingId), Optional.of(BookingStatus.CONFIRMED), at(time));
    }

    private void record(String tenantId, Change... changes) {
        store().inUnitOfWork(tenantId, List.of("room-1"), unit -> {
            for (Change c : changes) {
                unit.recordChange(c);
            }
            return null;
        });
    }

    private ChangeLog feed() {
        return store().changes();
    }

    private static List<Change> changes(ChangePage page) {
        return page.entries().stream().map(FeedEntry::change).toList();
    }

    private void givenRooms() {
        givenResources(TENANT, "room-1");
        givenResources(OTHER_TENANT, "room-1");
    }

    /**
     * A feed that has had no change reads as an empty page, not a reset; its head is a real
     * position all the same, from which a reader gets the first change, and which a prune of
     * that change answers with a reset.
     */
    @Test
    default void an_empty_feed_reads_empty_and_its_head_is_a_position_to_follow() {
        ChangePage page = feed().read(TENANT, "", 10);
        assertEquals(List.of(), page.entries());
        assertFalse(page.reset());
        assertFalse(page.more());

        String head = feed().head(TENANT);
        assertNotEquals("", head, "even a feed without changes hands out a position");
        assertEquals(ChangePage.empty(head), feed().read(TENANT, head, 10));
        givenRooms();
        Change first = created(TENANT, "bk-1", "08:00:00");
        record(TENANT, first);
        assertEquals(List.of(first), changes(feed().read(TENANT, head, 10)));
        assertEquals(1, feed().prune(at("09:00:00"), 10));
        assertTrue(feed().read(TENANT, head, 10).reset(), "the reader from before the first change missed it");
    }

    /** Every field comes back as recorded, oldest first, with growing positions; the head is the newest. */
    @Test
    default void changes_come_back_in_order_with_every_field_and_growing_positions() {
        givenRooms();
        Change first = created(TENANT, "bk-1", "08:00:00.123456");
        Change resourceWide = new Change(TENANT, "room-1", Interval.ALL, ChangeKind.RESOURCE_CHANGED,
                Optional.empty(), Optional.empty(), at("08:01:00"));
        Change cancelled = new Change(TENANT, "room-1", between("11:00:00", "12:15:00"), ChangeKind.STATUS_CHANGED,
                Optional.of("bk-2"), Optional.of(BookingStatus.CANCELLED), at("08:02:00"));
        record(TENANT, first);
        store().saveResource(resource(TENANT, "room-1"), resourceWide);
        record(TENANT, cancelled);

        ChangePage page = feed().read(TENANT, "", 10);

        assertEquals(List.of(first, resourceWide, cancelled), changes(page));
        assertFalse(page.reset());
        assertFalse(page.more());
        List<String> positions = page.entries().stream().map(FeedEntry::position).toList();
        assertEquals(3, positions.stream().distinct().count(), "positions are distinct: " + positions);
        assertEquals(positions.get(2), page.position());
        assertEquals(positions.get(2), feed().head(TENANT));
        ChangePage fromSecond = feed().read(TENANT, positions.get(0), 10);
        assertEquals(List.of(resourceWide, cancelled), changes(fromSecond), "a reader resumes after its position");
    }

    /** Resuming from the last page's position gives nothing more, at the same position. */
    @Test
    default void a_reader_at_the_newest_position_gets_an_empty_page_there() {
        givenRooms();
        record(TENANT, created(TENANT, "bk-1", "08:00:00"));
        String position = feed().read(TENANT, "", 10).position();

        ChangePage page = feed().read(TENANT, position, 10);

        assertEquals(List.of(), page.entries());
        assertEquals(position, page.position());
        assertFalse(page.reset());
    }

    /** A unit that throws records nothing; a unit's changes keep the order they were recorded in. */
    @Test
    default void a_unit_that_throws_records_nothing_and_a_units_changes_keep_their_order() {
        givenRooms();
        Change lost = created(TENANT, "bk-lost", "08:00:00");
        assertThrows(IllegalStateException.class, () -> store().inUnitOfWork(TENANT, List.of("room-1"), unit -> {
            unit.recordChange(lost);
            throw new IllegalStateException("the unit fails after recording");
        }));
        Change a = created(TENANT, "bk-a", "08:00:02");
        Change b = created(TENANT, "bk-b", "08:00:01");
        Change c = created(TENANT, "bk-c", "08:00:03");
        record(TENANT, a, b, c);

        assertEquals(List.of(a, b, c), changes(feed().read(TENANT, "", 10)));
    }

    /** Writing a booking through the port records nothing by itself: the core records changes. */
    @Test
    default void the_ports_own_writes_record_no_change() {
        insert(booking("bk-1").build());
        store().saveResource(resource(TENANT, "room-2"));

        assertEquals(List.of(), feed().read(TENANT, "", 10).entries());
    }

    /** Each tenant has a feed of its own. */
    @Test
    default void tenants_have_separate_feeds() {
        givenRooms();
        Change mine = created(TENANT, "bk-1", "08:00:00");
        Change theirs = created(OTHER_TENANT, "bk-1", "08:00:01");
        record(TENANT, mine);
        record(OTHER_TENANT, theirs);

        assertEquals(List.of(mine), changes(feed().read(TENANT, "", 10)));
        assertEquals(List.of(theirs), changes(feed().read(OTHER_TENANT, "", 10)));
    }

    /** A page holds at most the limit, says whether more came, and the next page starts after it. */
    @Test
    default void pages_hold_at_most_the_limit_and_say_when_more_came() {
        givenRooms();
        List<Change> recorded = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Change c = created(TENANT, "bk-" + i, "08:00:0" + i);
            recorded.add(c);
            record(TENANT, c);
        }

        ChangePage first = feed().read(TENANT, "", 2);
        ChangePage second = feed().read(TENANT, first.position(), 2);
        ChangePage third = feed().read(TENANT, second.position(), 2);

        assertEquals(recorded.subList(0, 2), changes(first));
        assertEquals(recorded.subList(2, 4), changes(second));
        assertEquals(recorded.subList(4, 5), changes(third));
        assertEquals(List.of(true, true, false), List.of(first.more(), second.more(), third.more()));
    }

    /** A position from another feed, or past the newest, is answered with a reset to the head. */
    @Test
    default void a_foreign_or_future_position_gets_a_reset_at_the_head() {
        givenRooms();
        record(TENANT, created(TENANT, "bk-1", "08:00:00"));
        String head = feed().head(TENANT);
        String epoch = head.substring(0, head.indexOf('.'));
        long last = Long.parseLong(head.substring(head.indexOf('.') + 1));

        for (String position : List.of("zzzzzz9.1", epoch + "." + (last + 5))) {
            ChangePage page = feed().read(TENANT, position, 10);
            assertTrue(page.reset(), position + " should reset");
            assertEquals(List.of(), page.entries());
            assertEquals(head, page.position(), position + " resets to the head");
        }
        ChangePage otherTenant = feed().read(OTHER_TENANT, head, 10);
        assertTrue(otherTenant.reset(), "a position of another tenant's feed resets");
    }

    /** Malformed positions and limits are refused, naming the value. */
    @Test
    default void malformed_positions_and_limits_are_refused() {
        for (String position : List.of("abc", "1.2.3", "x.-1", "ABC.1", " ")) {
            InvalidRequestException e = assertThrows(InvalidRequestException.class,
                    () -> feed().read(TENANT, position, 10), position);
            assertTrue(e.getMessage().contains("'" + position + "'"), e.getMessage());
        }
        assertThrows(InvalidRequestException.class, () -> feed().read(TENANT, "", 0));
        assertThrows(InvalidRequestException.class, () -> feed().prune(at("08:00:00"), 0));
    }

    /** A resource and its change commit together. */
    @Test
    default void a_resource_is_saved_with_its_change() {
        Resource room = resource(TENANT, "room-9");
        Change change = new Change(TENANT, "room-9", Interval.ALL, ChangeKind.RESOURCE_CHANGED, Optional.empty(),
                Optional.empty(), at("08:00:00"));

        store().saveResource(room, change);

        assertEquals(Optional.of(room), store().findResource(TENANT, "room-9"));
        assertEquals(List.of(change), changes(feed().read(TENANT, "", 10)));
    }

    /**
     * Pruning forgets changes made before the cut and counts them; a reader from before the cut
     * gets a reset, a later one goes on, and one from the empty position starts at the oldest kept.
     */
    @Test
    default void pruning_forgets_old_changes_and_resets_readers_behind_them() {
        givenRooms();
        List<Change> recorded = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            Change c = created(TENANT, "bk-" + i, "0" + (i + 1) + ":00:00");
            recorded.add(c);
            record(TENANT, c);
        }
        List<FeedEntry> all = feed().read(TENANT, "", 10).entries();

        assertEquals(3, feed().prune(at("03:30:00"), 100), "the changes of 01:00, 02:00 and 03:00 go");

        ChangePage behind = feed().read(TENANT, all.get(0).position(), 10);
        assertTrue(behind.reset(), "a reader whose next change was pruned resets");
        assertEquals(all.get(5).position(), behind.position());
        ChangePage atCut = feed().read(TENANT, all.get(2).position(), 10);
        assertEquals(recorded.subList(3, 6), changes(atCut), "a reader past the pruned changes loses nothing");
        assertEquals(recorded.subList(3, 6), changes(feed().read(TENANT, "", 10)), "the oldest kept come first");
        assertEquals(all.get(5).position(), feed().head(TENANT), "the head stays");
        assertEquals(0, feed().prune(at("03:30:00"), 100), "nothing older is left");
    }

    /** Pruning stops at about its limit and forgets the oldest first. */
    @Test
    default void pruning_stops_at_its_limit() {
        givenRooms();
        for (int i = 0; i < 6; i++) {
            record(TENANT, created(TENANT, "bk-" + i, "0" + (i + 1) + ":00:00"));
        }

        int pruned = feed().prune(at("09:00:00"), 2);

        assertEquals(2, pruned);
        List<Change> left = changes(feed().read(TENANT, "", 10));
        assertEquals(4, left.size());
        assertEquals(Optional.of("bk-2"), left.get(0).bookingId());
        assertEquals(0, feed().prune(at("00:30:00"), 10), "no change is that old");
    }

    /** Every node sees the same feed: the same head and the same positions. */
    @Test
    default void a_second_node_reads_the_same_positions() {
        givenRooms();
        record(TENANT, created(TENANT, "bk-1", "08:00:00"));
        ChangeLog other = secondNode(store()).changes();
        String head = feed().head(TENANT);

        assertEquals(head, other.head(TENANT));
        assertEquals(feed().read(TENANT, "", 10), other.read(TENANT, "", 10));
        record(TENANT, created(TENANT, "bk-2", "08:00:01"));
        ChangePage next = other.read(TENANT, head, 10);
        assertEquals(List.of("bk-2"), next.entries().stream().map(e -> e.change().bookingId().orElseThrow()).toList());
        assertNotEquals(head, next.position());
    }

    /**
     * Writers on both nodes commit changes in any order while a reader on each node resumes
     * from its pages: each sees every committed change once, none of a unit that threw,
     * each writer's in commit order ({@link ChangeFeedRace}).
     *
     * @throws InterruptedException if interrupted while the race runs
     */
    @Test
    default void a_resuming_reader_sees_every_committed_change_once_in_order_while_writers_race()
            throws InterruptedException {
        BookingStore[] nodes = {store(), secondNode(store())};
        List<ChangeLog> readers = List.of(nodes[0].changes(), nodes[1].changes());

        assertEquals(List.of(), ChangeFeedRace.run(nodes, readers, TENANT, feedRaceWriters(), feedRaceUnits()));
    }
}
