package io.bookingkit.jdbc.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;

/**
 * Reads the rows that belong to parents read before (a booking's resources and history, an
 * entry's resources) by the parents' ids, in chunks: some drivers and databases limit how many
 * parameters one statement binds.
 */
final class ChildRows {

    private static final int IN_CHUNK = 500;

    /** One child row, read from the result set's current row. */
    @FunctionalInterface
    interface Reader {
        void read(ResultSet row) throws SQLException;
    }

    private ChildRows() {
    }

    /**
     * Runs {@code sql} (given the {@code ?, ?, …} list for one chunk of ids; its first parameter
     * is the tenant, then the ids) for every chunk of {@code parentIds}, handing each row to
     * {@code reader}.
     */
    static void read(Connection c, Function<String, String> sql, String tenantId, List<String> parentIds, Reader reader)
            throws SQLException {
        for (int from = 0; from < parentIds.size(); from += IN_CHUNK) {
            List<String> chunk = parentIds.subList(from, Math.min(parentIds.size(), from + IN_CHUNK));
            try (PreparedStatement ps = c.prepareStatement(sql.apply(String.join(", ",
                    Collections.nCopies(chunk.size(), "?"))))) {
                ps.setString(1, tenantId);
                for (int i = 0; i < chunk.size(); i++) {
                    ps.setString(i + 2, chunk.get(i));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        reader.read(rs);
                    }
                }
            }
        }
    }
}
