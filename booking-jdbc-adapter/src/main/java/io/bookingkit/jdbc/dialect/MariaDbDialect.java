package io.bookingkit.jdbc.dialect;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * MariaDB 10.6+ and MySQL 8: {@code datetime(6)} columns holding UTC, bound as local
 * date-times so that no session zone can shift them; {@code SKIP LOCKED}.
 */
public final class MariaDbDialect implements Dialect {

    private static final Logger LOG = LoggerFactory.getLogger(MariaDbDialect.class);
    /** ER_NOT_SUPPORTED_YET, which a Galera node gives for GET_LOCK. */
    private static final int NOT_SUPPORTED_YET = 1235;


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

    /**
     * {@code GET_LOCK}, waiting up to {@link #SCHEMA_LOCK_WAIT}. On Galera it holds on its own node only, and
     * versions that refuse it (error 1235) are migrated without it: migrate a cluster from one
     * node.
     */
    @Override
    public boolean lockSchema(Connection connection, String name) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT GET_LOCK(?, " + SCHEMA_LOCK_WAIT.toSeconds() + ")")) {
            ps.setString(1, lockName(name));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                if (rs.getInt(1) != 1) {
                    throw new SQLException("The schema lock '" + name + "' was not granted within "
                            + SCHEMA_LOCK_WAIT.toSeconds() + " s: another node is migrating", "HY000");
                }
                return true;
            }
        } catch (SQLException e) {
            if (e.getErrorCode() == NOT_SUPPORTED_YET) {
                LOG.warn("The database refuses GET_LOCK ({}); migrating without the schema lock", e.getMessage());
                return false;
            }
            throw e;
        }
    }

    @Override
    public void unlockSchema(Connection connection, String name) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT RELEASE_LOCK(?)")) {
            ps.setString(1, lockName(name));
            ps.executeQuery().close();
        }
    }

    /** MySQL refuses lock names over 64 characters: a longer one is shortened to a hash of it. */
    private static String lockName(String name) {
        return name.length() <= 64 ? name : "bookingkit-" + Integer.toHexString(name.hashCode());
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
