package io.bookingkit.testsupport;

import static io.bookingkit.testsupport.ContractData.DEADLOCK_TIMEOUT;
import static io.bookingkit.testsupport.ContractData.NOW;
import static io.bookingkit.testsupport.ContractData.between;
import static io.bookingkit.testsupport.ContractData.resource;

import io.bookingkit.booking.BookingStatus;
import io.bookingkit.feed.Change;
import io.bookingkit.feed.ChangeKind;
import io.bookingkit.feed.ChangePage;
import io.bookingkit.feed.FeedEntry;
import io.bookingkit.spi.BookingStore;
import io.bookingkit.spi.ChangeLog;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Writers commit changes on every node while readers (one per node, say) follow the feed, each
 * resuming from its pages' positions; afterwards each reader must have seen every committed change exactly once,
 * none of the units that threw, and each writer's changes in the order it committed them. Each
 * writer locks a resource of its own, so their units commit concurrently and in any order: a
 * feed whose positions are taken at write time (a sequence, an auto-increment) lets the reader
 * pass a position before a change with a smaller one commits, and loses it. Several readers also
 * race each other wherever reading does work of its own (the JDBC store numbers changes then).
 */
public final class ChangeFeedRace {

    /** How many violations a run reports at most. */
    private static final int REPORTED = 10;

    private ChangeFeedRace() {
    }

    /**
     * Runs the race once on {@code tenantId}, which must have no changes yet.
     *
     * @param nodes          the stores writers spread over, all over the same data
     * @param readers        the feeds the readers follow, one reader each (of the nodes)
     * @param tenantId       the tenant written
     * @param writers        how many writer threads
     * @param unitsPerWriter how many units each writer runs; every seventh throws after recording
     * @return what went wrong, empty if nothing did
     * @throws InterruptedException if interrupted while waiting for the threads
     */
    public static List<String> run(BookingStore[] nodes, List<ChangeLog> readers, String tenantId, int writers,
                                   int unitsPerWriter) throws InterruptedException {
        return run(nodes, readers, tenantId, writers, unitsPerWriter, () -> { });
    }

    /**
     * {@link #run(BookingStore[], List, String, int, int)}, for nodes that see each other's
     * commits a moment later (a Galera cluster): {@code settle} runs when the writers are done,
     * and returns once every reader's node has every commit; only then do the readers read to
     * the end.
     *
     * @param nodes          the stores writers spread over, all over the same data
     * @param readers        the feeds the readers follow, one reader each
     * @param tenantId       the tenant written
     * @param writers        how many writer threads
     * @param unitsPerWriter how many units each writer runs
     * @param settle         waits until every node has applied every commit
     * @return what went wrong, empty if nothing did
     * @throws InterruptedException if interrupted while waiting for the threads
     */
    public static List<String> run(BookingStore[] nodes, List<ChangeLog> readers, String tenantId, int writers,
                                   int unitsPerWriter, Runnable settle) throws InterruptedException {
        for (int w = 0; w < writers; w++) {
            nodes[0].saveResource(resource(tenantId, "feed-" + w));
        }
        List<List<String>> committed = new ArrayList<>();
        Set<String> aborted = ConcurrentHashMap.newKeySet();
        for (int w = 0; w < writers; w++) {
            committed.add(new ArrayList<>());
        }
        ExecutorService threads = Executors.newFixedThreadPool(writers + readers.size());
        CountDownLatch start = new CountDownLatch(1);
        AtomicBoolean writing = new AtomicBoolean(true);
        try {
            List<Future<?>> writes = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int writer = w;
                writes.add(threads.submit(() -> {
                    start.await();
                    write(nodes[writer % nodes.length], tenantId, writer, unitsPerWriter, committed.get(writer), aborted);
                    return null;
                }));
            }
            List<Future<List<String>>> reads = new ArrayList<>();
            for (ChangeLog reader : readers) {
                reads.add(threads.submit(() -> {
                    start.await();
                    return follow(reader, tenantId, writing);
                }));
            }
            start.countDown();
            for (Future<?> f : writes) {
                get(f);
            }
            settle.run();
            writing.set(false);
            List<String> violations = new ArrayList<>();
            for (int r = 0; r < reads.size(); r++) {
                for (String v : check(get(reads.get(r)), committed, aborted)) {
                    violations.add("reader " + r + ": " + v);
                }
            }
            return violations;
        } finally {
            threads.shutdownNow();
        }
    }

    private static void write(BookingStore node, String tenantId, int writer, int units, List<String> committed,
                              Set<String> aborted) {
        String resourceId = "feed-" + writer;
        for (int u = 0; u < units; u++) {
            List<String> ids = new ArrayList<>();
            for (int j = 0; j <= u % 3; j++) {
                ids.add("w" + writer + "-" + u + "-" + j);
            }
            boolean fails = u % 7 == 3;
            try {
                node.inUnitOfWork(tenantId, List.of(resourceId), unit -> {
                    for (String id : ids) {
                        unit.recordChange(new Change(tenantId, resourceId, between("10:00:00", "10:30:00"), ChangeKind.CREATED,
                                Optional.of(id), Optional.of(BookingStatus.CONFIRMED),
                                NOW));
                    }
                    if (fails) {
                        throw new IllegalStateException("the unit fails after recording its changes");
                    }
                    return null;
                });
                committed.addAll(ids);
            } catch (IllegalStateException e) {
                aborted.addAll(ids);
            }
        }
    }

    /** Reads on from each page's position until the writers are done and a read after that finds nothing new. */
    private static List<String> follow(ChangeLog feed, String tenantId, AtomicBoolean writing) {
        List<String> seen = new ArrayList<>();
        String position = "";
        while (true) {
            boolean last = !writing.get();
            ChangePage page = feed.read(tenantId, position, 5);
            if (page.reset()) {
                seen.add("RESET at " + position);
                return seen;
            }
            for (FeedEntry e : page.entries()) {
                seen.add(e.change().bookingId().orElse("?"));
            }
            position = page.position();
            if (last && page.entries().isEmpty()) {
                return seen;
            }
        }
    }

    private static List<String> check(List<String> seen, List<List<String>> committed, Set<String> aborted) {
        List<String> violations = new ArrayList<>();
        Map<String, Integer> times = new HashMap<>();
        seen.forEach(id -> times.merge(id, 1, Integer::sum));
        Set<String> expected = new HashSet<>();
        committed.forEach(expected::addAll);
        for (String id : seen) {
            if (id.startsWith("RESET")) {
                violations.add("the reader was reset: " + id);
            } else if (aborted.contains(id)) {
                violations.add(id + " was seen, but its unit threw");
            } else if (!expected.contains(id)) {
                violations.add(id + " was seen, but never written");
            }
        }
        times.forEach((id, n) -> {
            if (n > 1) {
                violations.add(id + " was seen " + n + " times");
            }
        });
        int missing = 0;
        for (String id : expected) {
            if (!times.containsKey(id)) {
                missing++;
                if (missing <= REPORTED) {
                    violations.add(id + " was committed but never seen");
                }
            }
        }
        if (missing > REPORTED) {
            violations.add((missing - REPORTED) + " more committed changes were never seen");
        }
        for (List<String> writer : committed) {
            Set<String> mine = new HashSet<>(writer);
            List<String> inFeed = seen.stream().filter(mine::contains).distinct().toList();
            List<String> inOrder = writer.stream().filter(times::containsKey).toList();
            if (!inFeed.equals(inOrder)) {
                violations.add("a writer's changes came out of its commit order: " + inFeed);
            }
        }
        return violations.size() > REPORTED ? List.copyOf(violations.subList(0, REPORTED)) : violations;
    }

    private static <T> T get(Future<T> future) throws InterruptedException {
        try {
            return future.get(DEADLOCK_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError("a thread of the feed race failed", e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError("the feed race did not finish within " + DEADLOCK_TIMEOUT, e);
        }
    }
}
