package io.bookingkit.jdbc.internal;

import io.bookingkit.booking.Actor;
import io.bookingkit.booking.Booking;
import io.bookingkit.booking.SeriesLink;
import io.bookingkit.booking.BookingStatus;
import io.bookingkit.booking.Role;
import io.bookingkit.booking.Transition;
import io.bookingkit.jdbc.dialect.Dialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.util.Set;
import org.threeten.extra.Interval;

/**
 * Reads and writes bookings over one connection. Every value reaches the database as a bound
 * parameter; instants are kept to the microsecond, the precision all three databases store.
 */
public final class BookingSql {

    private static final Logger LOG = LoggerFactory.getLogger(BookingSql.class);

    private static final String COLUMNS = "b.tenant_id, b.id, b.customer_id, b.template_name, b.start_at, b.end_at, "
            + "b.occupied_start, b.occupied_end, b.party_size, b.status, b.version, b.series_id, b.series_index, b.series_rule, b.idempotency_key, "
            + "b.request_hash, b.locale, b.created_at, b.updated_at, b.expires_at, b.forced, b.waitlist_entry_id";

    private final Dialect dialect;
    private final Tables t;

    public BookingSql(Dialect dialect, Tables tables) {
        this.dialect = dialect;
        this.t = tables;
    }

    /** Instants go to the database at microsecond precision. */
    public static Instant micros(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.MICROS);
    }

    /**
     * The end of a searched range, rounded up to the microsecond. Stored instants are whole
     * microseconds, so {@code stored < end} holds exactly when {@code stored < microsUp(end)};
     * truncating instead would turn a range of one nanosecond, which the core searches with,
     * into an empty one.
     */
    public static Instant microsUp(Instant instant) {
        Instant down = micros(instant);
        return down.equals(instant) ? down : down.plus(1, ChronoUnit.MICROS);
    }

    public Optional<Booking> findById(Connection c, String tenantId, String id) throws SQLException {
        List<Booking> found = select(c, "SELECT " + COLUMNS + " FROM " + t.booking() + " b WHERE b.tenant_id = ? AND b.id = ?",
                tenantId, ps -> ps.setString(2, id));
        return found.stream().findFirst();
    }

    public Optional<Booking> findByIdempotencyKey(Connection c, String tenantId, String key) throws SQLException {
        List<Booking> found = select(c, "SELECT " + COLUMNS + " FROM " + t.booking()
                + " b WHERE b.tenant_id = ? AND b.request_key = ?", tenantId, ps -> ps.setString(2, requestKey(key, null)));
        return found.stream().findFirst();
    }

    /**
     * The value the unique key on {@code (tenant_id, request_key)} sees: the client's key, or the
     * booking's id when it gave none, tagged so that the two can never be equal. It is never
     * NULL because on Galera one NULL value would be one certification key for every booking of
     * the tenant, and unrelated bookings would abort each other.
     */
    private static String requestKey(String idempotencyKey, String bookingId) {
        return idempotencyKey != null ? "k:" + idempotencyKey : "b:" + bookingId;
    }

    public List<Booking> findOverlapping(Connection c, String tenantId, Collection<String> resourceIds, Interval range)
            throws SQLException {
        if (resourceIds.isEmpty()) {
            return List.of();
        }
        List<String> ids = List.copyOf(new LinkedHashSet<>(resourceIds));
        String marks = String.join(", ", java.util.Collections.nCopies(ids.size(), "?"));
        // Driven by the booking-resource rows, so the plan stays an index range scan even as a
        // generic prepared plan; a booking on two of the resources comes back once.
        String sql = "SELECT " + COLUMNS + " FROM " + t.bookingResource() + " r JOIN " + t.booking()
                + " b ON b.tenant_id = r.tenant_id AND b.id = r.booking_id WHERE r.tenant_id = ? AND r.resource_id IN ("
                + marks + ") AND r.occupied_end > ? AND r.occupied_start < ? ORDER BY b.start_at, b.id";
        return select(c, sql, tenantId, ps -> {
            int i = 2;
            for (String id : ids) {
                ps.setString(i++, id);
            }
            dialect.setInstant(ps, i++, micros(range.getStart()));
            dialect.setInstant(ps, i, microsUp(range.getEnd()));
        });
    }

    public List<Booking> findByCustomer(Connection c, String tenantId, String customerId, Interval range) throws SQLException {
        String sql = "SELECT " + COLUMNS + " FROM " + t.booking() + " b WHERE b.tenant_id = ? AND b.customer_id = ? "
                + "AND b.start_at < ? AND b.end_at > ? ORDER BY b.start_at, b.id";
        return select(c, sql, tenantId, ps -> {
            ps.setString(2, customerId);
            dialect.setInstant(ps, 3, microsUp(range.getEnd()));
            dialect.setInstant(ps, 4, micros(range.getStart()));
        });
    }

    public List<Booking> findBySeries(Connection c, String tenantId, String seriesId) throws SQLException {
        return select(c, "SELECT " + COLUMNS + " FROM " + t.booking() + " b WHERE b.tenant_id = ? AND b.series_id = ? "
                + "ORDER BY b.series_index, b.id", tenantId, ps -> ps.setString(2, seriesId));
    }

    /** Holds the inserts of a new booking with its resources and history in {@code w}. */
    public void insert(WriteBatch w, Booking b, Map<String, Integer> capacities) {
        w.add("INSERT INTO " + t.booking() + " (tenant_id, id, customer_id, template_name, start_at, end_at, "
                + "occupied_start, occupied_end, party_size, status, version, series_id, idempotency_key, request_hash, "
                + "locale, created_at, updated_at, expires_at, forced, request_key, series_index, waitlist_entry_id, "
                + "series_rule) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", p -> p
                .string(b.tenantId()).string(b.id()).string(b.customerId()).string(b.templateName())
                .instant(b.interval().getStart()).instant(b.interval().getEnd())
                .instant(b.occupied().getStart()).instant(b.occupied().getEnd())
                .integer(b.partySize()).string(b.status().name()).number(b.version())
                .string(b.series().map(SeriesLink::seriesId).orElse(null)).string(b.idempotencyKey().orElse(null))
                .string(b.requestHash()).string(b.locale().toLanguageTag())
                .instant(b.createdAt()).instant(b.updatedAt()).instant(b.expiresAt().orElse(null))
                .flag(b.forced()).string(requestKey(b.idempotencyKey().orElse(null), b.id()))
                .integer(b.series().map(SeriesLink::index).orElse(null)).string(b.waitlistEntryId().orElse(null))
                .string(b.series().flatMap(SeriesLink::pattern).map(SeriesLink.Pattern::text).orElse(null)));
        for (int i = 0; i < b.resourceIds().size(); i++) {
            String resourceId = b.resourceIds().get(i);
            int position = i;
            w.add("INSERT INTO " + t.bookingResource() + " (tenant_id, booking_id, resource_id, position, "
                    + "occupied_start, occupied_end, status, one_seat, forced) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", p -> p
                    .string(b.tenantId()).string(b.id()).string(resourceId).integer(position)
                    .instant(b.occupied().getStart()).instant(b.occupied().getEnd()).string(b.status().name())
                    .flag(capacities.getOrDefault(resourceId, 1) == 1).flag(b.forced()));
        }
        insertTransitions(w, b, 0);
    }

    /**
     * Replaces the stored booking if it is at {@code b.version() - 1}; its resource rows and the
     * transition it adds are held in {@code w}.
     *
     * @return false if no booking of that id is at that version
     */
    public boolean update(Connection c, WriteBatch w, Booking b, Map<String, Integer> capacities) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + t.booking() + " SET start_at = ?, end_at = ?, "
                + "occupied_start = ?, occupied_end = ?, status = ?, version = ?, updated_at = ?, expires_at = ? "
                + "WHERE tenant_id = ? AND id = ? AND version = ?")) {
            dialect.setInstant(ps, 1, micros(b.interval().getStart()));
            dialect.setInstant(ps, 2, micros(b.interval().getEnd()));
            dialect.setInstant(ps, 3, micros(b.occupied().getStart()));
            dialect.setInstant(ps, 4, micros(b.occupied().getEnd()));
            ps.setString(5, b.status().name());
            ps.setLong(6, b.version());
            dialect.setInstant(ps, 7, micros(b.updatedAt()));
            dialect.setInstant(ps, 8, micros(b.expiresAt().orElse(null)));
            ps.setString(9, b.tenantId());
            ps.setString(10, b.id());
            ps.setLong(11, b.version() - 1);
            if (ps.executeUpdate() != 1) {
                return false;
            }
        }
        updateResourceRows(w, b, capacities);
        appendHistory(w, b);
        return true;
    }

    /**
     * Stores the system's expiry of a hold or pending booking unless it no longer blocks time or
     * another unit changed it first. The status condition makes a second, concurrent expiry a
     * no-op instead of a stale-version failure. Its resource rows and transition are held in
     * {@code w}.
     */
    public boolean expire(Connection c, WriteBatch w, Booking b, Map<String, Integer> capacities) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + t.booking() + " SET status = ?, version = ?, "
                + "updated_at = ?, expires_at = ? WHERE tenant_id = ? AND id = ? AND version = ? AND status IN (?, ?)")) {
            ps.setString(1, b.status().name());
            ps.setLong(2, b.version());
            dialect.setInstant(ps, 3, micros(b.updatedAt()));
            dialect.setInstant(ps, 4, micros(b.expiresAt().orElse(null)));
            ps.setString(5, b.tenantId());
            ps.setString(6, b.id());
            ps.setLong(7, b.version() - 1);
            ps.setString(8, BookingStatus.HELD.name());
            ps.setString(9, BookingStatus.PENDING.name());
            if (ps.executeUpdate() != 1) {
                return false;
            }
        }
        updateResourceRows(w, b, capacities);
        appendHistory(w, b);
        return true;
    }

    /**
     * Brings each resource row to the booking's time and status, and the resource's current seat
     * count. The booking's own row, updated first, is the one whose row count says whether the
     * unit's version won, so these need not be read back.
     */
    private void updateResourceRows(WriteBatch w, Booking b, Map<String, Integer> capacities) {
        for (String resourceId : b.resourceIds()) {
            w.add("UPDATE " + t.bookingResource() + " SET occupied_start = ?, occupied_end = ?, status = ?, one_seat = ? "
                    + "WHERE tenant_id = ? AND resource_id = ? AND booking_id = ?", p -> p
                    .instant(b.occupied().getStart()).instant(b.occupied().getEnd()).string(b.status().name())
                    .flag(capacities.getOrDefault(resourceId, 1) == 1).string(b.tenantId()).string(resourceId)
                    .string(b.id()));
        }
    }

    /**
     * Stores the one transition an update adds: a version step appends exactly one entry, so the
     * stored history is all but the last.
     */
    private void appendHistory(WriteBatch w, Booking b) {
        insertTransitions(w, b, b.history().size() - 1);
    }

    private void insertTransitions(WriteBatch w, Booking b, int from) {
        for (int i = from; i < b.history().size(); i++) {
            Transition tr = b.history().get(i);
            int seq = i;
            w.add("INSERT INTO " + t.transition() + " (tenant_id, booking_id, seq, from_status, to_status, actor_id, "
                    + "actor_role, actor_resources, happened_at, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", p -> p
                    .string(b.tenantId()).string(b.id()).integer(seq).string(tr.from().map(Enum::name).orElse(null))
                    .string(tr.to().name()).string(tr.actor().id()).string(tr.actor().role().name())
                    // Ids cannot hold control characters, so a newline separates them unambiguously.
                    .string(String.join("\n", tr.actor().resourceIds().stream().sorted().toList()))
                    .instant(tr.at()).string(tr.reason()));
        }
    }

    /** Runs a booking query whose first parameter is the tenant, then loads resources and history. */
    private List<Booking> select(Connection c, String sql, String tenantId, Binder binder) throws SQLException {
        Map<String, Row> rows = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, tenantId);
            binder.bind(ps);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Row row = new Row(rs, dialect);
                    rows.putIfAbsent(row.id, row);
                }
            }
        }
        if (rows.isEmpty()) {
            return List.of();
        }
        List<String> ids = new ArrayList<>(rows.keySet());
        ChildRows.read(c, marks -> "SELECT booking_id, resource_id FROM " + t.bookingResource()
                + " WHERE tenant_id = ? AND booking_id IN (" + marks + ") ORDER BY booking_id, position", tenantId, ids,
                rs -> rows.get(rs.getString(1)).resources.add(rs.getString(2)));
        ChildRows.read(c, marks -> "SELECT booking_id, from_status, to_status, actor_id, actor_role, actor_resources, "
                + "happened_at, reason FROM " + t.transition() + " WHERE tenant_id = ? AND booking_id IN (" + marks
                + ") ORDER BY booking_id, seq", tenantId, ids, rs -> {
                    String from0 = rs.getString("from_status");
                    String res = rs.getString("actor_resources");
                    Set<String> actorResources = res == null || res.isEmpty() ? Set.of() : Set.copyOf(Arrays.asList(res.split("\n")));
                    Actor actor = new Actor(tenantId, rs.getString("actor_id"), Role.valueOf(rs.getString("actor_role")),
                            actorResources);
                    rows.get(rs.getString("booking_id")).history.add(new Transition(
                            Optional.ofNullable(from0).map(BookingStatus::valueOf),
                            BookingStatus.valueOf(rs.getString("to_status")), actor,
                            dialect.getInstant(rs, "happened_at"), rs.getString("reason")));
                });
        List<Booking> result = new ArrayList<>(rows.size());
        for (Row row : rows.values()) {
            result.add(row.toBooking());
        }
        return result;
    }

    /** A booking row before its resources and history are attached. */
    private static final class Row {
        final String tenantId;
        final String id;
        final String customerId;
        final String templateName;
        final Instant start;
        final Instant end;
        final Instant occupiedStart;
        final Instant occupiedEnd;
        final int partySize;
        final BookingStatus status;
        final long version;
        final String seriesId;
        final int seriesIndex;
        final String seriesRule;
        final String idempotencyKey;
        final String requestHash;
        final Locale locale;
        final Instant createdAt;
        final Instant updatedAt;
        final Instant expiresAt;
        final boolean forced;
        final String waitlistEntryId;
        final List<String> resources = new ArrayList<>(1);
        final List<Transition> history = new ArrayList<>(2);

        Row(ResultSet rs, Dialect d) throws SQLException {
            tenantId = rs.getString("tenant_id");
            id = rs.getString("id");
            customerId = rs.getString("customer_id");
            templateName = rs.getString("template_name");
            start = d.getInstant(rs, "start_at");
            end = d.getInstant(rs, "end_at");
            occupiedStart = d.getInstant(rs, "occupied_start");
            occupiedEnd = d.getInstant(rs, "occupied_end");
            partySize = rs.getInt("party_size");
            status = BookingStatus.valueOf(rs.getString("status"));
            version = rs.getLong("version");
            seriesId = rs.getString("series_id");
            seriesIndex = rs.getInt("series_index");
            seriesRule = rs.getString("series_rule");
            idempotencyKey = rs.getString("idempotency_key");
            requestHash = rs.getString("request_hash");
            locale = Locale.forLanguageTag(rs.getString("locale"));
            createdAt = d.getInstant(rs, "created_at");
            updatedAt = d.getInstant(rs, "updated_at");
            expiresAt = d.getInstant(rs, "expires_at");
            forced = rs.getBoolean("forced");
            waitlistEntryId = rs.getString("waitlist_entry_id");
        }

        /** The series' rule; one this JVM cannot read (a zone its tzdb lacks) is left out, not fatal. */
        private Optional<SeriesLink.Pattern> pattern() {
            if (seriesRule == null) {
                return Optional.empty();
            }
            try {
                return Optional.of(SeriesLink.Pattern.parse(seriesRule));
            } catch (RuntimeException e) {
                LOG.warn("Booking {} of tenant {} has a series rule that cannot be read, '{}'; it is left out: {}", id,
                        tenantId, seriesRule, e.getMessage());
                return Optional.empty();
            }
        }

        Booking toBooking() {
            return new Booking(id, tenantId, resources, customerId, templateName, Interval.of(start, end),
                    Interval.of(occupiedStart, occupiedEnd), partySize, status, version,
                    Optional.ofNullable(seriesId).map(s -> new SeriesLink(s, seriesIndex, pattern())),
                    Optional.ofNullable(idempotencyKey), requestHash, locale, createdAt, updatedAt,
                    Optional.ofNullable(expiresAt), forced, Optional.ofNullable(waitlistEntryId), history);
        }
    }
}
