package io.bookingkit.jdbc.internal;

import io.bookingkit.error.InvalidRequestException;
import io.bookingkit.feed.ChangePage;
import io.bookingkit.feed.FeedEntry;
import io.bookingkit.spi.ChangeLog;
import io.bookingkit.spi.FeedHead;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * The feed port over {@link ChangeSql}. Reading first numbers what writers committed since the
 * last reader (when anything is waiting: one index probe otherwise), so no background thread is
 * needed and every node's readers see the same numbers.
 */
public final class JdbcChangeLog implements ChangeLog {

    /** Changes numbered per transaction, so that one numbering never holds the head's lock long. */
    private static final int NUMBERING_BATCH = 1000;
    /** The most changes one read fetches, whatever the caller's limit. */
    private static final int MAX_PAGE = 10_000;

    private final Transactions transactions;
    private final ChangeSql changes;

    public JdbcChangeLog(Transactions transactions, ChangeSql changes) {
        this.transactions = transactions;
        this.changes = changes;
    }

    @Override
    public ChangePage read(String tenantId, String afterPosition, int limit) {
        Objects.requireNonNull(tenantId, "tenantId must not be null");
        Objects.requireNonNull(afterPosition, "afterPosition must not be null");
        positive(limit);
        // A malformed position is refused before any numbering work; any well-formed one passes
        // here, as no position belongs to the empty head.
        FeedHead.none().resumeAfter(afterPosition);
        numberPending(tenantId);
        return transactions.run(c -> {
            FeedHead before = changes.head(c, tenantId);
            OptionalLong after = before.resumeAfter(afterPosition);
            if (after.isEmpty()) {
                return ChangePage.resetTo(before.position());
            }
            int wanted = Math.min(limit, MAX_PAGE);
            List<ChangeSql.Numbered> rows = changes.read(c, tenantId, after.getAsLong(), wanted + 1);
            // Read again after the changes: a prune that committed meanwhile may have removed
            // some of those the reader still needed, and then it must reset. The positions come
            // from this second read too: the first may predate the tenant's first numbering.
            FeedHead now = changes.head(c, tenantId);
            if (now.resumeAfter(afterPosition).isEmpty()) {
                return ChangePage.resetTo(now.position());
            }
            int kept = Math.min(rows.size(), wanted);
            List<FeedEntry> entries = rows.subList(0, kept).stream()
                    .map(row -> new FeedEntry(now.positionOf(row.number()), row.change())).toList();
            return now.page(after.getAsLong(), entries, rows.size() > kept);
        });
    }

    @Override
    public String head(String tenantId) {
        Objects.requireNonNull(tenantId, "tenantId must not be null");
        numberPending(tenantId);
        return transactions.run(c -> changes.headCreated(c, tenantId)).position();
    }

    @Override
    public int prune(Instant before, int limit) {
        Objects.requireNonNull(before, "before must not be null");
        positive(limit);
        Map<String, Boolean> tenants = transactions.run(c -> changes.tenantsWithOldChanges(c, before, limit));
        int removed = 0;
        for (Map.Entry<String, Boolean> tenant : tenants.entrySet()) {
            if (removed >= limit) {
                break;
            }
            if (tenant.getValue()) {
                numberPending(tenant.getKey());
            }
            int left = limit - removed;
            removed += transactions.run(c -> changes.prune(c, tenant.getKey(), before, left));
        }
        return removed;
    }

    private static void positive(int limit) {
        if (limit <= 0) {
            throw new InvalidRequestException("limit must be positive, but was " + limit);
        }
    }

    private void numberPending(String tenantId) {
        if (!transactions.run(c -> changes.pending(c, tenantId))) {
            return;
        }
        int numbered;
        do {
            numbered = transactions.run(c -> changes.number(c, tenantId, NUMBERING_BATCH));
        } while (numbered == NUMBERING_BATCH);
    }
}
