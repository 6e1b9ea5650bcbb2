package io.bookingkit.testsupport;

import io.bookingkit.feed.Change;
import io.bookingkit.feed.ChangePage;
import io.bookingkit.feed.FeedEntry;
import io.bookingkit.spi.BookingStore;
import io.bookingkit.spi.ChangeLog;
import io.bookingkit.spi.UnitOfWork;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * A negative control: a feed that numbers each change when it is recorded, from one counter, as
 * a database sequence or auto-increment column would, and shows it once its unit has committed.
 * Units that commit in another order than they took their numbers let a reader pass a number
 * before the change that has it becomes visible. Commits take a random moment, as on a database.
 */
final class NumberedAtWriteStore extends ForwardingStore {

    private final AtomicLong sequence = new AtomicLong();
    private final ConcurrentSkipListMap<Long, FeedEntry> visible = new ConcurrentSkipListMap<>();

    NumberedAtWriteStore(BookingStore store) {
        super(store);
    }

    @Override
    public <T> T inUnitOfWork(String tenantId, Collection<String> resourceIds, Function<UnitOfWork, T> work) {
        List<FeedEntry> numbered = new ArrayList<>();
        T result = store.inUnitOfWork(tenantId, resourceIds, unit -> work.apply(new ForwardingUnit(unit) {
            @Override
            public void recordChange(Change change) {
                numbered.add(new FeedEntry("seq." + sequence.incrementAndGet(), change));
            }
        }));
        try {
            Thread.sleep(0, ThreadLocalRandom.current().nextInt(500_000));
            Thread.sleep(ThreadLocalRandom.current().nextInt(2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        numbered.forEach(e -> visible.put(number(e.position()), e));
        return result;
    }

    @Override
    public ChangeLog changes() {
        return new ChangeLog() {
            @Override
            public ChangePage read(String tenantId, String afterPosition, int limit) {
                long after = afterPosition.isEmpty() ? 0 : number(afterPosition);
                List<FeedEntry> page = visible.tailMap(after, false).values().stream()
                        .filter(e -> e.change().tenantId().equals(tenantId)).limit(limit).toList();
                return page.isEmpty() ? ChangePage.empty(afterPosition)
                        : new ChangePage(page, page.get(page.size() - 1).position(), false, false);
            }

            @Override
            public String head(String tenantId) {
                return visible.isEmpty() ? "" : visible.lastEntry().getValue().position();
            }

            @Override
            public int prune(Instant before, int limit) {
                return 0;
            }
        };
    }

    private static long number(String position) {
        return Long.parseLong(position.substring(position.indexOf('.') + 1));
    }
}
