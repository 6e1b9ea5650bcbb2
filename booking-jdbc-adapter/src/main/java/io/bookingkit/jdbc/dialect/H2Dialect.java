package io.bookingkit.jdbc.dialect;

import java.sql.SQLException;
import java.util.Optional;

/** H2 2.x: {@code timestamp with time zone} columns; no {@code SKIP LOCKED}, so outbox claims are conditional updates only. */
public final class H2Dialect implements Dialect {

    @Override
    public String name() {
        return "H2";
    }

    @Override
    public String schemaFolder() {
        return "h2";
    }

    @Override
    public String limit(int rows) {
        return " FETCH FIRST " + rows + " ROWS ONLY";
    }

    @Override
    public String insertIfAbsent(String table) {
        return "MERGE INTO " + table + " (tenant_id, customer_id) KEY (tenant_id, customer_id) VALUES (?, ?)";
    }

    @Override
    public Optional<String> updateReturning(String update, String columns) {
        return Optional.of("SELECT " + columns + " FROM FINAL TABLE (" + update + ")");
    }

    @Override
    public boolean supportsSkipLocked() {
        return false;
    }

    @Override
    public Failure classify(SQLException e) {
        for (SQLException s : SqlStates.chain(e)) {
            String state = s.getSQLState();
            // 40001 deadlock, HYT00 lock timeout (error 50200), 90131 concurrent update.
            if ("40001".equals(state) || "HYT00".equals(state) || s.getErrorCode() == 50200 || "90131".equals(state)) {
                return Failure.RETRY;
            }
            if ("23505".equals(state)) {
                return Failure.DUPLICATE;
            }
        }
        return Failure.OTHER;
    }
}
