package io.bookingkit.jdbc.internal;

import static io.bookingkit.jdbc.internal.BookingSql.micros;
import static io.bookingkit.jdbc.internal.BookingSql.microsUp;

import io.bookingkit.jdbc.dialect.Dialect;
import io.bookingkit.waitlist.WaitlistEntry;
import io.bookingkit.waitlist.WaitlistStatus;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.threeten.extra.Interval;

/**
 * Reads and writes waitlist entries over one connection: a row per entry, and a row per resource
 * it names carrying the entry's time, so that a lookup by resource and time is an index range
 * scan, as for bookings.
 */
public final class WaitlistSql {

    private static final String COLUMNS = "e.tenant_id, e.id, e.customer_id, e.template_name, e.start_at, e.end_at, "
            + "e.party_size, e.status, e.sequence_no, e.offer_id, e.locale, e.joined_at, e.updated_at, e.version";

    private final Dialect dialect;
    private final Tables t;

    public WaitlistSql(Dialect dialect, Tables tables) {
        this.dialect = dialect;
        this.t = tables;
    }

    public Optional<WaitlistEntry> findById(Connection c, String tenantId, String id) throws SQLException {
        return select(c, "SELECT " + COLUMNS + " FROM " + t.entry() + " e WHERE e.tenant_id = ? AND e.id = ?", tenantId,
                ps -> ps.setString(2, id)).stream().findFirst();
    }

    /** The entries naming one of {@code resourceIds} whose time shares an instant with {@code range}. */
    public List<WaitlistEntry> findOverlapping(Connection c, String tenantId, Collection<String> resourceIds,
                                               Interval range) throws SQLException {
        if (resourceIds.isEmpty()) {
            return List.of();
        }
        List<String> ids = List.copyOf(new LinkedHashSet<>(resourceIds));
        String marks = String.join(", ", Collections.nCopies(ids.size(), "?"));
        // Driven by the resource rows; an entry on two of the resources comes back once.
        String sql = "SELECT " + COLUMNS + " FROM " + t.entryResource() + " r JOIN " + t.entry()
                + " e ON e.tenant_id = r.tenant_id AND e.id = r.entry_id WHERE r.tenant_id = ? AND r.resource_id IN ("
                + marks + ") AND r.end_at > ? AND r.start_at < ? ORDER BY e.sequence_no, e.id";
        return select(c, sql, tenantId, ps -> {
            int i = 2;
            for (String id : ids) {
                ps.setString(i++, id);
            }
            dialect.setInstant(ps, i++, micros(range.getStart()));
            dialect.setInstant(ps, i, microsUp(range.getEnd()));
        });
    }

    public List<WaitlistEntry> findByCustomer(Connection c, String tenantId, String customerId) throws SQLException {
        return select(c, "SELECT " + COLUMNS + " FROM " + t.entry() + " e WHERE e.tenant_id = ? AND e.customer_id = ? "
                + "ORDER BY e.sequence_no, e.id", tenantId, ps -> ps.setString(2, customerId));
    }

    /** Inserts a new entry with its resources; a taken id fails on the primary key. */
    public void insert(Connection c, WaitlistEntry e) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + t.entry() + " (customer_id, template_name, "
                + "start_at, end_at, party_size, status, sequence_no, offer_id, locale, joined_at, updated_at, version, "
                + "tenant_id, id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            bindRow(ps, e);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + t.entryResource() + " (tenant_id, entry_id, "
                + "resource_id, position, start_at, end_at) VALUES (?, ?, ?, ?, ?, ?)")) {
            for (int i = 0; i < e.resourceIds().size(); i++) {
                ps.setString(1, e.tenantId());
                ps.setString(2, e.id());
                ps.setString(3, e.resourceIds().get(i));
                ps.setInt(4, i);
                dialect.setInstant(ps, 5, micros(e.interval().getStart()));
                dialect.setInstant(ps, 6, micros(e.interval().getEnd()));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /**
     * Replaces the stored entry if it is at {@code e.version() - 1}. An entry names the same
     * resources all its life (the core moves it between statuses only), so its resource rows
     * only follow its time.
     *
     * @return false if no entry of that id is at that version
     */
    public boolean update(Connection c, WaitlistEntry e) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + t.entry() + " SET customer_id = ?, template_name = ?, "
                + "start_at = ?, end_at = ?, party_size = ?, status = ?, sequence_no = ?, offer_id = ?, locale = ?, "
                + "joined_at = ?, updated_at = ?, version = ? WHERE tenant_id = ? AND id = ? AND version = ?")) {
            bindRow(ps, e);
            ps.setLong(15, e.version() - 1);
            if (ps.executeUpdate() != 1) {
                return false;
            }
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + t.entryResource() + " SET start_at = ?, end_at = ? "
                + "WHERE tenant_id = ? AND entry_id = ?")) {
            dialect.setInstant(ps, 1, micros(e.interval().getStart()));
            dialect.setInstant(ps, 2, micros(e.interval().getEnd()));
            ps.setString(3, e.tenantId());
            ps.setString(4, e.id());
            ps.executeUpdate();
        }
        return true;
    }

    /** Binds every column, the key last, as both the INSERT and the UPDATE list them. */
    private void bindRow(PreparedStatement ps, WaitlistEntry e) throws SQLException {
        ps.setString(1, e.customerId());
        ps.setString(2, e.templateName());
        dialect.setInstant(ps, 3, micros(e.interval().getStart()));
        dialect.setInstant(ps, 4, micros(e.interval().getEnd()));
        ps.setInt(5, e.partySize());
        ps.setString(6, e.status().name());
        ps.setLong(7, e.sequence());
        ps.setString(8, e.offerId().orElse(null));
        ps.setString(9, e.locale().toLanguageTag());
        dialect.setInstant(ps, 10, micros(e.joinedAt()));
        dialect.setInstant(ps, 11, micros(e.updatedAt()));
        ps.setLong(12, e.version());
        ps.setString(13, e.tenantId());
        ps.setString(14, e.id());
    }

    /** Runs an entry query whose first parameter is the tenant, then loads the entries' resources. */
    private List<WaitlistEntry> select(Connection c, String sql, String tenantId, Binder binder)
            throws SQLException {
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
        ChildRows.read(c, marks -> "SELECT entry_id, resource_id FROM " + t.entryResource()
                + " WHERE tenant_id = ? AND entry_id IN (" + marks + ") ORDER BY entry_id, position", tenantId,
                new ArrayList<>(rows.keySet()), rs -> rows.get(rs.getString(1)).resources.add(rs.getString(2)));
        List<WaitlistEntry> result = new ArrayList<>(rows.size());
        for (Row row : rows.values()) {
            result.add(row.toEntry());
        }
        return result;
    }

    /** An entry row before its resources are attached. */
    private static final class Row {
        final String tenantId;
        final String id;
        final String customerId;
        final String templateName;
        final Instant start;
        final Instant end;
        final int partySize;
        final WaitlistStatus status;
        final long sequence;
        final String offerId;
        final Locale locale;
        final Instant joinedAt;
        final Instant updatedAt;
        final long version;
        final List<String> resources = new ArrayList<>(1);

        Row(ResultSet rs, Dialect d) throws SQLException {
            tenantId = rs.getString("tenant_id");
            id = rs.getString("id");
            customerId = rs.getString("customer_id");
            templateName = rs.getString("template_name");
            start = d.getInstant(rs, "start_at");
            end = d.getInstant(rs, "end_at");
            partySize = rs.getInt("party_size");
            status = WaitlistStatus.valueOf(rs.getString("status"));
            sequence = rs.getLong("sequence_no");
            offerId = rs.getString("offer_id");
            locale = Locale.forLanguageTag(rs.getString("locale"));
            joinedAt = d.getInstant(rs, "joined_at");
            updatedAt = d.getInstant(rs, "updated_at");
            version = rs.getLong("version");
        }

        WaitlistEntry toEntry() {
            return new WaitlistEntry(id, tenantId, customerId, templateName, resources, Interval.of(start, end), partySize,
                    status, sequence, Optional.ofNullable(offerId), locale, joinedAt, updatedAt, version);
        }
    }
}
