package io.bookingkit.testsupport;

import static io.bookingkit.testsupport.ContractData.OTHER_TENANT;
import static io.bookingkit.testsupport.ContractData.TENANT;
import static io.bookingkit.testsupport.ContractData.at;
import static io.bookingkit.testsupport.ContractData.booking;
import static io.bookingkit.testsupport.ContractData.entry;
import static io.bookingkit.testsupport.ContractData.subjects;
import static io.bookingkit.testsupport.ContractData.task;
import static io.bookingkit.testsupport.RaceHarness.race;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bookingkit.spi.BookingStore;
import io.bookingkit.spi.ScheduledTask;
import io.bookingkit.spi.ScheduledTask.Kind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.threeten.extra.Interval;

/**
 * Scheduled tasks: units of work schedule them (a task of the same tenant, kind and subject
 * already there is kept as it is) and complete them (true for the one unit that removed it);
 * both commit with the unit, and a unit that throws changes neither; claims take due tasks of
 * every tenant, oldest due first, up to the limit, each by one caller at a time (thread or node,
 * {@link #secondNode}) until its lease ends; tenants with the same kind and subject have two
 * tasks. Units that lock no resource schedule and complete too, as maintenance does when a task's
 * booking is gone.
 */
public interface TaskQueueContract extends StoreFixture {

    private static ScheduledTask expiry(String bookingId, String due) {
        return task(Kind.EXPIRE_BOOKING, bookingId, at(due));
    }

    private boolean complete(String tenantId, Kind kind, String subject) {
        return store().inUnitOfWork(tenantId, List.of(), unit -> unit.completeTask(kind, subject));
    }

    /** A scheduled task is claimed once it is due, not a microsecond before. */
    @Test
    default void scheduled_task_is_claimed_once_due_and_not_before() {
        ScheduledTask t = expiry("bk-1", "08:00:00");
        schedule(t);

        assertEquals(List.of(), store().tasks().claimDue(at("07:59:59.999999"), 10, Duration.ofMinutes(1)));
        assertEquals(List.of(t), store().tasks().claimDue(at("08:00:00"), 10, Duration.ofMinutes(1)));
    }

    /**
     * A task comes back equal whatever its subject holds: line breaks, the longest subject allowed
     * in two-byte and four-byte characters, and SQL syntax.
     */
    @Test
    default void task_comes_back_equal_whatever_its_subject() {
        ScheduledTask session = task(Kind.DECIDE_QUORUM, "room-1\nyoga\n2031-03-12T10:00:00Z", at("07:00:00"));
        ScheduledTask longest = task(Kind.EXPIRE_ENTRY, "é".repeat(ScheduledTask.MAX_SUBJECT_LENGTH), at("07:00:01"));
        ScheduledTask wide = task(Kind.EXPIRE_ENTRY, "😀".repeat(ScheduledTask.MAX_SUBJECT_LENGTH / 2), at("07:00:02"));
        ScheduledTask hostile = task(Kind.EXPIRE_BOOKING, "'; DELETE FROM bk_task; -- %_\\", at("07:00:03.000001"));
        schedule(session, longest, wide, hostile);

        assertEquals(List.of(session, longest, wide, hostile), claimAllTasks(at("08:00:00")));
    }

    /**
     * A claimed task is claimed by no other caller, on this node or the second one, until its lease
     * ends, and then by one caller again.
     */
    @Test
    default void a_claimed_task_is_claimed_by_no_other_caller_until_its_lease_ends() {
        ScheduledTask t = expiry("bk-1", "08:00:00");
        schedule(t);
        Duration lease = Duration.ofMinutes(1);
        BookingStore other = secondNode(store());

        assertEquals(List.of(t), store().tasks().claimDue(at("08:00:00"), 10, lease));
        assertEquals(List.of(), store().tasks().claimDue(at("08:00:00"), 10, lease));
        assertEquals(List.of(), other.tasks().claimDue(at("08:00:59.999999"), 10, lease));
        assertEquals(List.of(t), other.tasks().claimDue(at("08:01:00"), 10, lease),
                "a task not completed is claimable again once its lease ends");
        assertEquals(List.of(), store().tasks().claimDue(at("08:01:30"), 10, lease));
    }

    /**
     * Eight threads on two nodes claiming five tasks each at once never get the same task twice,
     * and every one of 40 due tasks is claimed by somebody.
     *
     * @throws Exception if the test thread is interrupted while it waits for the claimers
     */
    @Test
    default void concurrent_claims_never_share_a_task() throws Exception {
        List<ScheduledTask> all = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            all.add(task(Kind.EXPIRE_BOOKING, String.format("bk-%02d", i), at("07:00:00").plusSeconds(i)));
        }
        store().inUnitOfWork(TENANT, List.of(), unit -> {
            all.forEach(unit::schedule);
            return null;
        });
        BookingStore other = secondNode(store());

        List<Object> claims = race(8, i -> (i % 2 == 0 ? store() : other).tasks()
                .claimDue(at("08:00:00"), 5, Duration.ofMinutes(5)));
        List<String> claimed = new ArrayList<>();
        for (Object c : claims) {
            @SuppressWarnings("unchecked")
            List<ScheduledTask> batch = (List<ScheduledTask>) c;
            assertTrue(batch.size() <= 5, "a claim returned more than its limit");
            claimed.addAll(subjects(batch));
        }
        assertEquals(claimed.size(), new HashSet<>(claimed).size(), "a task was claimed twice: " + claimed);
        claimed.addAll(subjects(claimAllTasks(at("08:00:00"))));
        assertEquals(new TreeSet<>(subjects(all)), new TreeSet<>(claimed));
        assertEquals(40, claimed.size());
    }

    /**
     * Two units that schedule a task of the same tenant, kind and subject at once both commit, and
     * one task is stored: one of the two.
     *
     * @throws Exception if the test thread is interrupted, or a unit fails or does not finish
     *                   within a minute
     */
    @Test
    default void units_scheduling_one_task_at_once_both_commit_and_store_it_once() throws Exception {
        ScheduledTask first = expiry("bk-1", "08:00:00");
        ScheduledTask second = expiry("bk-1", "08:30:00");
        CountDownLatch firstScheduled = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<String> one = pool.submit(() -> store().inUnitOfWork(TENANT, List.of(), unit -> {
                unit.schedule(first);
                firstScheduled.countDown();
                try {
                    // Give the second unit time to schedule before this one commits.
                    Thread.sleep(300);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return "committed";
            }));
            assertTrue(firstScheduled.await(30, TimeUnit.SECONDS), "the first unit never scheduled");
            Future<String> two = pool.submit(() -> store().inUnitOfWork(TENANT, List.of(), unit -> {
                unit.schedule(second);
                return "committed";
            }));
            assertEquals("committed", one.get(60, TimeUnit.SECONDS));
            assertEquals("committed", two.get(60, TimeUnit.SECONDS));
        } finally {
            pool.shutdownNow();
        }

        // Which of the two is kept depends on the store (first inserted, or first committed); one is.
        List<ScheduledTask> claimed = claimAllTasks(at("09:00:00"));
        assertEquals(1, claimed.size(), "one task per tenant, kind and subject: " + claimed);
        assertTrue(List.of(first, second).contains(claimed.get(0)), "another task was stored: " + claimed);
    }

    /**
     * A claim takes due tasks of every tenant, the oldest due first, up to its limit; a task due
     * later waits for its time.
     */
    @Test
    default void claims_take_the_oldest_due_first_of_every_tenant_up_to_the_limit() {
        ScheduledTask late = expiry("bk-late", "07:30:00");
        ScheduledTask early = new ScheduledTask(OTHER_TENANT, Kind.EXPIRE_ENTRY, "w-early", at("07:00:00"));
        ScheduledTask middle = task(Kind.DECIDE_QUORUM, "room-1\nyoga\n2031-03-12T10:00:00Z", at("07:15:00"));
        ScheduledTask notYet = expiry("bk-later", "08:00:00.000001");
        schedule(late, notYet, middle, early);

        assertEquals(List.of(early, middle), store().tasks().claimDue(at("08:00:00"), 2, Duration.ofMinutes(1)));
        assertEquals(List.of(late), store().tasks().claimDue(at("08:00:00"), 2, Duration.ofMinutes(1)));
        assertEquals(List.of(), store().tasks().claimDue(at("08:00:00"), 2, Duration.ofMinutes(1)));
        assertEquals(List.of(notYet), store().tasks().claimDue(at("08:00:00.000001"), 2, Duration.ofMinutes(1)));
    }

    /**
     * Scheduling a task whose tenant, kind and subject are already scheduled keeps the first one,
     * with its due time and its claim, in another unit of work or in the same one.
     */
    @Test
    default void scheduling_a_task_that_exists_keeps_the_first_one_as_it_is() {
        ScheduledTask first = expiry("bk-1", "08:00:00");
        schedule(first);
        schedule(expiry("bk-1", "07:00:00"));
        store().inUnitOfWork(TENANT, List.of(), unit -> {
            unit.schedule(expiry("bk-2", "08:30:00"));
            unit.schedule(expiry("bk-2", "06:00:00"));
            return null;
        });

        assertEquals(List.of(), claimAllTasks(at("07:59:59")));
        assertEquals(List.of(first), store().tasks().claimDue(at("08:00:00"), 10, Duration.ofHours(1)));
        // Scheduling a claimed task again leaves its claim too.
        schedule(expiry("bk-1", "08:10:00"));
        assertEquals(List.of(expiry("bk-2", "08:30:00")), claimAllTasks(at("08:30:00")));
        assertEquals(List.of(first, expiry("bk-2", "08:30:00")), claimAllTasks(at("09:00:00")));
    }

    /**
     * Completing a task is true for the first unit that completes it and false for any later one,
     * for a task of another kind, and for one never scheduled, in separate units or within one.
     */
    @Test
    default void completing_a_task_is_true_for_the_first_unit_only() {
        schedule(expiry("bk-1", "08:00:00"), expiry("bk-2", "08:00:00"));
        claimAllTasks(at("08:00:00"));

        assertTrue(complete(TENANT, Kind.EXPIRE_BOOKING, "bk-1"), "the task was there");
        assertFalse(complete(TENANT, Kind.EXPIRE_BOOKING, "bk-1"), "a completed task was there again");
        assertFalse(complete(TENANT, Kind.EXPIRE_ENTRY, "bk-2"), "a task of another kind was completed");
        assertFalse(complete(TENANT, Kind.EXPIRE_BOOKING, "bk-none"), "a task never scheduled was there");
        assertEquals(List.of(true, false), store().inUnitOfWork(TENANT, List.of(), unit ->
                List.of(unit.completeTask(Kind.EXPIRE_BOOKING, "bk-2"), unit.completeTask(Kind.EXPIRE_BOOKING, "bk-2"))));

        assertEquals(List.of(), claimAllTasks(at("23:00:00")));
    }

    /**
     * A task completed and scheduled again in one unit is a new task, due at its own time and free
     * of the old claim; a task scheduled in a unit can be completed in that unit.
     */
    @Test
    default void a_task_completed_and_scheduled_again_in_one_unit_is_there_afresh() {
        schedule(expiry("bk-1", "08:00:00"));
        assertEquals(1, store().tasks().claimDue(at("08:00:00"), 10, Duration.ofHours(1)).size());
        ScheduledTask again = expiry("bk-1", "08:30:00");

        Boolean completed = store().inUnitOfWork(TENANT, List.of(), unit -> {
            boolean done = unit.completeTask(Kind.EXPIRE_BOOKING, "bk-1");
            unit.schedule(again);
            return done;
        });
        assertTrue(completed, "the claimed task was not there");
        store().inUnitOfWork(TENANT, List.of(), unit -> {
            unit.schedule(expiry("bk-2", "08:00:00"));
            assertTrue(unit.completeTask(Kind.EXPIRE_BOOKING, "bk-2"), "a task scheduled in the unit was not there");
            return null;
        });

        assertEquals(List.of(), claimAllTasks(at("08:29:59")));
        // The old claim went with the old task: the new one is claimable before that claim would end.
        assertEquals(List.of(again), claimAllTasks(at("08:30:00")));
    }

    /**
     * A unit of work that throws neither schedules nor completes a task, and the store rethrows the
     * exception itself.
     */
    @Test
    default void a_unit_that_throws_neither_schedules_nor_completes() {
        ScheduledTask kept = expiry("bk-1", "08:00:00");
        schedule(kept);
        IllegalStateException boom = new IllegalStateException("boom");

        IllegalStateException thrown = assertThrows(IllegalStateException.class, () ->
                store().inUnitOfWork(TENANT, List.of(), unit -> {
                    unit.schedule(expiry("bk-2", "07:00:00"));
                    assertTrue(unit.completeTask(Kind.EXPIRE_BOOKING, "bk-1"));
                    throw boom;
                }));

        assertSame(boom, thrown);
        assertEquals(List.of(kept), claimAllTasks(at("23:00:00")));
        assertTrue(complete(TENANT, Kind.EXPIRE_BOOKING, "bk-1"), "the rolled-back completion took the task");
    }

    /** Two tenants with a task of the same kind and subject have one task each, completed apart. */
    @Test
    default void tenants_with_the_same_kind_and_subject_have_two_tasks() {
        ScheduledTask ours = expiry("bk-1", "08:00:00");
        ScheduledTask theirs = new ScheduledTask(OTHER_TENANT, Kind.EXPIRE_BOOKING, "bk-1", at("07:00:00"));
        schedule(ours, theirs);

        assertTrue(complete(TENANT, Kind.EXPIRE_BOOKING, "bk-1"));
        assertEquals(List.of(theirs), claimAllTasks(at("23:00:00")));
        assertTrue(complete(OTHER_TENANT, Kind.EXPIRE_BOOKING, "bk-1"));
        assertFalse(complete(OTHER_TENANT, Kind.EXPIRE_BOOKING, "bk-1"));
    }

    /**
     * A unit of work that locks no resource reads bookings and entries by id, finds nothing by
     * overlap on no resources, and schedules and completes tasks.
     */
    @Test
    default void a_unit_locking_no_resource_reads_schedules_and_completes() {
        insert(booking("bk-1").build());
        insertEntries(entry("w-1").build());
        Interval day = Interval.of(at("00:00:00"), at("23:59:59"));

        store().inUnitOfWork(TENANT, List.of(), unit -> {
            assertEquals(Map.of(), unit.lockedResources());
            assertTrue(unit.findBooking("bk-1").isPresent());
            assertTrue(unit.findEntry("w-1").isPresent());
            assertEquals(List.of(), unit.findOverlapping(List.of(), day));
            assertEquals(List.of(), unit.findEntries(List.of(), day));
            assertEquals(Optional.empty(), unit.findBooking("bk-gone"));
            unit.schedule(expiry("bk-gone", "08:00:00"));
            return null;
        });
        assertTrue(complete(TENANT, Kind.EXPIRE_BOOKING, "bk-gone"));
        assertEquals(List.of(), claimAllTasks(at("23:00:00")));
    }
}
