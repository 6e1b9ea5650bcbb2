package io.bookingkit.jdbc.internal;

import static io.bookingkit.jdbc.internal.Transactions.sql;

import io.bookingkit.booking.Booking;
import io.bookingkit.feed.Change;
import io.bookingkit.jdbc.dialect.Dialect;
import io.bookingkit.notify.OutboxMessage;
import io.bookingkit.resource.Resource;
import io.bookingkit.spi.ScheduledTask;
import io.bookingkit.spi.UnitOfWork;
import io.bookingkit.waitlist.WaitlistEntry;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.threeten.extra.Interval;

/**
 * A unit of work on one connection, after its resource rows were locked; SQL errors travel up
 * to {@link Transactions} as {@link SqlFailure}. Every read and write runs in the unit's own
 * transaction, so its reads see its writes: the writes it holds in its {@link WriteBatch} are
 * sent before any other statement runs, and the rest by {@link #finish()}. It only stores: the
 * core checks the protocol.
 */
public final class JdbcUnit implements UnitOfWork {

    private final Connection c;
    private final String tenantId;
    private final Map<String, Resource> locked;
    private final BookingSql bookings;
    private final ResourceSql resources;
    private final OutboxSql outbox;
    private final WaitlistSql entries;
    private final TaskSql tasks;
    private final ChangeSql changes;
    private final LockStep lockStep;
    private final WriteBatch held;

    public JdbcUnit(Connection c, String tenantId, Map<String, Resource> locked, Sql sql, LockStep lockStep,
                    Dialect dialect) {
        this.c = c;
        this.tenantId = tenantId;
        this.locked = Map.copyOf(locked);
        this.bookings = sql.bookings();
        this.resources = sql.resources();
        this.outbox = sql.outbox();
        this.entries = sql.entries();
        this.tasks = sql.tasks();
        this.changes = sql.changes();
        this.lockStep = lockStep;
        this.held = new WriteBatch(dialect);
    }

    /** Sends the writes still held, with the transaction's commit where the dialect can. */
    public void finish() {
        sql(() -> {
            held.finish(c);
            return null;
        });
    }

    /** Runs {@code call} after sending the held writes, which it may read or depend on. */
    private <T> T now(Transactions.SqlCall<T> call) {
        return sql(() -> {
            held.send(c);
            return call.call();
        });
    }

    /** The SQL of each concept a unit writes. */
    public record Sql(BookingSql bookings, ResourceSql resources, OutboxSql outbox, WaitlistSql entries, TaskSql tasks,
                      ChangeSql changes) {
    }

    @Override
    public Map<String, Resource> lockedResources() {
        return locked;
    }

    @Override
    public void lockCustomer(String customerId) {
        now(() -> {
            resources.lockCustomer(c, tenantId, customerId, lockStep);
            return null;
        });
    }

    @Override
    public List<Booking> findOverlapping(Collection<String> resourceIds, Interval range) {
        return now(() -> bookings.findOverlapping(c, tenantId, resourceIds, range));
    }

    @Override
    public List<Booking> findByCustomer(String customerId, Interval range) {
        return now(() -> bookings.findByCustomer(c, tenantId, customerId, range));
    }

    @Override
    public List<Booking> findBySeries(String seriesId) {
        return now(() -> bookings.findBySeries(c, tenantId, seriesId));
    }

    @Override
    public Optional<Booking> findBooking(String bookingId) {
        return now(() -> bookings.findById(c, tenantId, bookingId));
    }

    @Override
    public Optional<Booking> findByIdempotencyKey(String idempotencyKey) {
        return now(() -> bookings.findByIdempotencyKey(c, tenantId, idempotencyKey));
    }

    @Override
    public void insert(Booking booking) {
        // Reads resource rows only, which held writes never touch, so they can stay held.
        Map<String, Integer> capacities = sql(() -> capacities(booking));
        bookings.insert(held, booking, capacities);
    }

    @Override
    public boolean update(Booking booking) {
        return now(() -> bookings.update(c, held, booking, capacities(booking)));
    }

    @Override
    public boolean expire(Booking booking) {
        return now(() -> bookings.expire(c, held, booking, capacities(booking)));
    }

    @Override
    public void enqueue(OutboxMessage message) {
        outbox.insert(held, message);
    }

    @Override
    public void recordChange(Change change) {
        changes.insert(held, change);
    }

    @Override
    public void discardReminders(String bookingId) {
        now(() -> {
            outbox.discardReminders(c, tenantId, bookingId);
            return null;
        });
    }

    @Override
    public Optional<WaitlistEntry> findEntry(String entryId) {
        return now(() -> entries.findById(c, tenantId, entryId));
    }

    @Override
    public List<WaitlistEntry> findEntries(Collection<String> resourceIds, Interval range) {
        return now(() -> entries.findOverlapping(c, tenantId, resourceIds, range));
    }

    @Override
    public List<WaitlistEntry> findEntriesOfCustomer(String customerId) {
        return now(() -> entries.findByCustomer(c, tenantId, customerId));
    }

    @Override
    public void insertEntry(WaitlistEntry entry) {
        now(() -> {
            entries.insert(c, entry);
            return null;
        });
    }

    @Override
    public boolean updateEntry(WaitlistEntry entry) {
        return now(() -> entries.update(c, entry));
    }

    @Override
    public void schedule(ScheduledTask task) {
        now(() -> {
            tasks.schedule(c, task);
            return null;
        });
    }

    @Override
    public boolean completeTask(ScheduledTask.Kind kind, String subject) {
        return now(() -> tasks.complete(c, tenantId, kind, subject));
    }

    /**
     * The seats of each of the booking's resources: from the rows this unit locked, else read.
     * PostgreSQL's overlap constraint applies to rows of one-seat resources only.
     */
    private Map<String, Integer> capacities(Booking booking) throws SQLException {
        Map<String, Integer> capacities = new HashMap<>();
        locked.forEach((id, r) -> capacities.put(id, r.capacity()));
        List<String> missing = booking.resourceIds().stream().filter(id -> !capacities.containsKey(id)).toList();
        if (!missing.isEmpty()) {
            capacities.putAll(resources.capacities(c, tenantId, missing));
        }
        return capacities;
    }
}
