package io.bookingkit.jdbc.internal;

import io.bookingkit.booking.BookingStatus;
import io.bookingkit.jdbc.dialect.Dialect;
import io.bookingkit.resource.Resource;
import io.bookingkit.schedule.OpeningHours;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.threeten.extra.Interval;

/** Reads, writes and locks resource rows and customer-lock rows over one connection. */
public final class ResourceSql {

    private static final String COLUMNS = "tenant_id, id, name, zone_id, hours, max_window_seconds, capacity";

    /** Parsed hours kept at most, so that a store over many tenants does not grow without bound. */
    private static final int MOST_HOURS_KEPT = 1024;

    /** The statuses that block time, as SQL literals. */
    private static final String BLOCKING = Arrays.stream(BookingStatus.values()).filter(BookingStatus::blocksTime)
            .map(status -> "'" + status.name() + "'").collect(Collectors.joining(", "));

    /** Resources whose seats are kept as a hint at most. */
    private static final int MOST_SEATS_KEPT = 100_000;

    private final Dialect dialect;
    private final Tables t;
    /**
     * Opening hours as parsed from a row's text, zone and window: the key is everything the
     * parse reads, and the value immutable, so an entry is right for as long as it is kept;
     * a row whose hours changed has a new key. Every unit's lock reads its resources' rows,
     * and parsing their hours was a good part of the unit's time in the JVM.
     */
    private final Map<HoursText, OpeningHours> parsed = new ConcurrentHashMap<>();

    private record HoursText(String text, String zone, long maxWindowSeconds) {
    }

    /** The seats of each resource as last read; see {@link #mayHaveOneSeat}. */
    private final Map<ResourceKey, Integer> seatsSeen = new ConcurrentHashMap<>();

    private record ResourceKey(String tenantId, String id) {
    }

    public ResourceSql(Dialect dialect, Tables tables) {
        this.dialect = dialect;
        this.t = tables;
    }

    /** Updates the resource's row, or inserts it when there is none. */
    public void upsert(Connection c, Resource r) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + t.resource() + " SET name = ?, zone_id = ?, "
                + "hours = ?, max_window_seconds = ?, capacity = ? WHERE tenant_id = ? AND id = ?")) {
            bind(ps, r);
            if (ps.executeUpdate() == 1) {
                return;
            }
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + t.resource() + " (name, zone_id, hours, "
                + "max_window_seconds, capacity, tenant_id, id) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            bind(ps, r);
            ps.executeUpdate();
        }
    }

    private static void bind(PreparedStatement ps, Resource r) throws SQLException {
        ps.setString(1, r.name());
        ps.setString(2, r.zone().getId());
        ps.setString(3, r.hours().toText());
        ps.setLong(4, r.hours().maxWindow().getSeconds());
        ps.setInt(5, r.capacity());
        ps.setString(6, r.tenantId());
        ps.setString(7, r.id());
    }

    /** The resources of {@code tenantId}, all of them or the one {@code id}, by id. */
    public List<Resource> find(Connection c, String tenantId, String id) throws SQLException {
        List<Resource> result = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM " + t.resource()
                + " WHERE tenant_id = ?" + (id == null ? "" : " AND id = ?") + " ORDER BY id")) {
            ps.setString(1, tenantId);
            if (id != null) {
                ps.setString(2, id);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    result.add(resource(rs));
                }
            }
        }
        return result;
    }

    /**
     * Locks the rows of {@code sortedIds} one at a time, in the given (sorted) order, and returns
     * the resources as read after the lock, so that no decision rests on a row read before it;
     * ids without a row are left out. The first statement carries {@code settings}, the
     * transaction's settings; with nothing to lock there is no statement, so the caller sends
     * them otherwise.
     */
    public Map<String, Resource> lock(Connection c, String tenantId, List<String> sortedIds, LockStep step,
                                      Optional<String> settings) throws SQLException {
        String where = " WHERE tenant_id = ? AND id = ?";
        String bump = "UPDATE " + t.resource() + " SET lock_version = lock_version + 1" + where;
        String read = "SELECT " + COLUMNS + " FROM " + t.resource() + where
                + (step == LockStep.SELECT_FOR_UPDATE ? " FOR UPDATE" : "");
        Optional<String> bumpAndRead = step == LockStep.WRITE ? dialect.updateReturning(bump, COLUMNS) : Optional.empty();
        boolean writes = step == LockStep.WRITE && bumpAndRead.isEmpty();
        Map<String, Resource> locked = new HashMap<>();
        boolean first = true;
        for (String id : sortedIds) {
            Optional<String> before = first ? settings : Optional.empty();
            first = false;
            if (writes) {
                try (PreparedStatement write = c.prepareStatement(Statements.after(before, bump))) {
                    write.setString(1, tenantId);
                    write.setString(2, id);
                    before = Optional.empty();
                    if (Statements.update(write) == 0) {
                        continue;
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement(Statements.after(before, bumpAndRead.orElse(read)))) {
                ps.setString(1, tenantId);
                ps.setString(2, id);
                try (ResultSet rs = Statements.query(ps)) {
                    if (rs.next()) {
                        locked.put(id, resource(rs));
                    }
                }
            }
        }
        return locked;
    }

    /**
     * Takes a shared lock of resource {@code id}'s row and returns the resource as read under it,
     * provided it has one seat and no blocking booking that the overlap constraint does not cover
     * (forced, or written while the resource had more seats: its row says {@code one_seat} false)
     * has an occupied time overlapping {@code occupied}; empty otherwise.
     *
     * <p>The lock and the read of those bookings are two statements, the read after the lock: at
     * READ COMMITTED each statement reads what was committed when it began, so a read within the
     * lock's own statement would miss a forced booking whose unit held the row's lock and
     * committed while this one waited for it. The dialect must join statements: the two still make
     * one round trip, with {@code settings} in front.
     *
     * @param locked false only for tests, which show what a forced booking can then slip past
     */
    public Optional<Resource> lockShared(Connection c, String tenantId, String id, Interval occupied, boolean locked,
                                         Optional<String> settings) throws SQLException {
        if (!dialect.joinsStatements()) {
            throw new IllegalStateException("Shared units need a dialect that joins statements");
        }
        String lock = "SELECT " + COLUMNS + " FROM " + t.resource() + " WHERE tenant_id = ? AND id = ?"
                + (locked ? " FOR SHARE" : "");
        String uncovered = "SELECT COUNT(*) FROM " + t.bookingResource() + " WHERE tenant_id = ? AND resource_id = ?"
                + " AND occupied_end > ? AND occupied_start < ? AND (forced OR NOT one_seat) AND status IN ("
                + BLOCKING + ")";
        Optional<Resource> resource;
        long inTheWay;
        try (PreparedStatement ps = c.prepareStatement(Statements.after(settings, lock + "; " + uncovered))) {
            ps.setString(1, tenantId);
            ps.setString(2, id);
            bindUncovered(ps, 3, tenantId, id, occupied);
            try (ResultSet rs = Statements.query(ps)) {
                resource = rs.next() ? Optional.of(resource(rs)) : Optional.empty();
            }
            if (!ps.getMoreResults()) {
                throw new SQLException("The read after the shared lock returned no rows");
            }
            inTheWay = count(ps.getResultSet());
        }
        return inTheWay == 0 ? resource.filter(r -> r.capacity() == 1) : Optional.empty();
    }

    /**
     * Whether resource {@code id} of {@code tenantId} had one seat when this store last read it,
     * or has not been read: a hint that spares a resource with more seats a shared unit that
     * could only find so under its lock. It never decides anything (the shared unit reads the
     * seats again under its lock), so a stale answer costs one unit at most, never a booking.
     */
    public boolean mayHaveOneSeat(String tenantId, String id) {
        Integer seats = seatsSeen.get(new ResourceKey(tenantId, id));
        return seats == null || seats == 1;
    }

    private void bindUncovered(PreparedStatement ps, int from, String tenantId, String id, Interval occupied)
            throws SQLException {
        ps.setString(from, tenantId);
        ps.setString(from + 1, id);
        dialect.setInstant(ps, from + 2, BookingSql.micros(occupied.getStart()));
        dialect.setInstant(ps, from + 3, BookingSql.microsUp(occupied.getEnd()));
    }

    private static long count(ResultSet rs) throws SQLException {
        try (rs) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Locks the customer's row, creating it first if it does not exist. */
    public void lockCustomer(Connection c, String tenantId, String customerId, LockStep step) throws SQLException {
        Inserts.ifAbsent(c, dialect, t.customerLock(), List.of("tenant_id", "customer_id"), ps -> {
            ps.setString(1, tenantId);
            ps.setString(2, customerId);
        });
        String where = " WHERE tenant_id = ? AND customer_id = ?";
        String sql = switch (step) {
            case WRITE -> "UPDATE " + t.customerLock() + " SET lock_version = lock_version + 1" + where;
            case SELECT_FOR_UPDATE -> "SELECT customer_id FROM " + t.customerLock() + where + " FOR UPDATE";
            case NONE -> "SELECT customer_id FROM " + t.customerLock() + where;
        };
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, tenantId);
            ps.setString(2, customerId);
            ps.execute();
        }
    }

    /** The capacity of each resource in {@code ids} that exists. */
    public Map<String, Integer> capacities(Connection c, String tenantId, List<String> ids) throws SQLException {
        Map<String, Integer> result = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT capacity FROM " + t.resource()
                + " WHERE tenant_id = ? AND id = ?")) {
            for (String id : ids) {
                ps.setString(1, tenantId);
                ps.setString(2, id);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        result.put(id, rs.getInt(1));
                    }
                }
            }
        }
        return result;
    }

    private Resource resource(ResultSet rs) throws SQLException {
        HoursText key = new HoursText(rs.getString("hours"), rs.getString("zone_id"), rs.getLong("max_window_seconds"));
        OpeningHours hours = parsed.get(key);
        if (hours == null) {
            hours = OpeningHours.parse(key.text(), ZoneId.of(key.zone())).withMaxWindow(Duration.ofSeconds(key.maxWindowSeconds()));
            if (parsed.size() >= MOST_HOURS_KEPT) {
                parsed.clear();
            }
            parsed.put(key, hours);
        }
        Resource r = new Resource(rs.getString("tenant_id"), rs.getString("id"), rs.getString("name"), hours,
                rs.getInt("capacity"));
        if (seatsSeen.size() >= MOST_SEATS_KEPT) {
            seatsSeen.clear();
        }
        seatsSeen.put(new ResourceKey(r.tenantId(), r.id()), r.capacity());
        return r;
    }
}
