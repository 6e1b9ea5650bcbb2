package io.bookingkit.jdbc.dialect;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * MariaDB 10.6+ and MySQL 8: {@code datetime(6)} columns holding UTC, bound as local
 * date-times so that no session zone can shift them; {@code SKIP LOCKED}.
 */
public final class MariaDbDialect implements Dialect {

    private static final int DEADLOCK = 1213;
    private static final int LOCK_WAIT_TIMEOUT = 1205;
    private static final int RECORD_CHANGED = 1020;
    private static final int DUPLICATE_KEY = 1062;

    @Override
    public String name() {
        return "MariaDB/MySQL";
    }

    @Override
    public String schemaFolder() {
        return "mariadb";
    }

    @Override
    public void setInstant(PreparedStatement statement, int index, Instant value) throws SQLException {
        statement.setObject(index, value == null ? null : LocalDateTime.ofInstant(value, ZoneOffset.UTC));
    }

    @Override
    public Instant getInstant(ResultSet row, String column) throws SQLException {
        LocalDateTime value = row.getObject(column, LocalDateTime.class);
        return value == null ? null : value.toInstant(ZoneOffset.UTC);
    }

    @Override
    public String microsSince(Instant origin, String column) {
        // The columns hold UTC wall times (see setInstant), so their distance is exact.
        return "TIMESTAMPDIFF(MICROSECOND, TIMESTAMP '" + LocalDateTime.ofInstant(origin, ZoneOffset.UTC)
                .format(DateTimeFormatter.ISO_LOCAL_DATE_TIME).replace('T', ' ') + "', " + column + ")";
    }

    @Override
    public boolean aggregatesInSql() {
        return true;
    }

    @Override
    public String quotient(String dividend, String divisor) {
        // MariaDB's / gives a DECIMAL rounded to a few places, which can round up past a whole number.
        return "(" + dividend + ") DIV (" + divisor + ")";
    }

    @Override
    public String limit(int rows) {
        return " LIMIT " + rows;
    }

    @Override
    public String insertIfAbsent(String table, List<String> columns) {
        // IGNORE turns other errors into warnings too; the store binds only validated values.
        // ON DUPLICATE KEY UPDATE would lock the kept row exclusively, and its count of "found"
        // rows would not tell an insert from a kept row.
        return Dialects.insert(table, columns).replaceFirst("INSERT INTO", "INSERT IGNORE INTO");
    }

    @Override
    public boolean supportsSkipLocked() {
        return true;
    }

    @Override
    public Failure classify(SQLException e) {
        for (SQLException s : SqlStates.chain(e)) {
            int code = s.getErrorCode();
            // 1205 rolls back only the statement, not the transaction; the store rolls back
            // explicitly before every retry, so the unit starts clean.
            if (code == DEADLOCK || code == LOCK_WAIT_TIMEOUT || code == RECORD_CHANGED || "40001".equals(s.getSQLState())) {
                return Failure.RETRY;
            }
            if (code == DUPLICATE_KEY) {
                return Failure.DUPLICATE;
            }
        }
        return Failure.OTHER;
    }
}
