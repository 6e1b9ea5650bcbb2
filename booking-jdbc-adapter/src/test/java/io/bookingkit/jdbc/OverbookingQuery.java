package io.bookingkit.jdbc;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Asks the database itself whether any resource is over capacity at any instant. The peak use of
 * a resource is reached at the start of some blocking booking, so it is enough to count, for each
 * blocking booking's start, the seats of the blocking bookings running at that instant.
 */
final class OverbookingQuery {

    private static final String BLOCKING = "('HELD', 'PENDING', 'CONFIRMED', 'IN_PROGRESS')";

    private OverbookingQuery() {
    }

    /** One line per (resource, instant) over capacity; empty when the guarantee held. */
    static List<String> overbooked(DataSource dataSource) {
        String sql = "SELECT r1.tenant_id, r1.resource_id, r1.occupied_start, SUM(b2.party_size) AS seats, "
                + "MAX(res.capacity) AS capacity "
                + "FROM bk_booking_resource r1 "
                + "JOIN bk_booking_resource r2 ON r2.tenant_id = r1.tenant_id AND r2.resource_id = r1.resource_id "
                + "  AND r2.occupied_start <= r1.occupied_start AND r2.occupied_end > r1.occupied_start "
                + "JOIN bk_booking b2 ON b2.tenant_id = r2.tenant_id AND b2.id = r2.booking_id "
                + "JOIN bk_resource res ON res.tenant_id = r1.tenant_id AND res.id = r1.resource_id "
                + "WHERE r1.status IN " + BLOCKING + " AND r2.status IN " + BLOCKING + " AND NOT r2.forced "
                + "GROUP BY r1.tenant_id, r1.resource_id, r1.booking_id, r1.occupied_start "
                + "HAVING SUM(b2.party_size) > MAX(res.capacity)";
        List<String> lines = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                lines.add(rs.getString(1) + "/" + rs.getString(2) + " at " + rs.getString(3) + ": "
                        + rs.getInt(4) + " seats of " + rs.getInt(5));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("The overbooking query failed", e);
        }
        return lines;
    }
}
