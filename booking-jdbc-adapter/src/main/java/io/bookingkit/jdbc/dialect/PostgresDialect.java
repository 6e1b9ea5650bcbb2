package io.bookingkit.jdbc.dialect;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** PostgreSQL 12+: {@code timestamptz} columns, an exclusion constraint as a backstop, {@code SKIP LOCKED}. */
public final class PostgresDialect implements Dialect {

    private static final Logger LOG = LoggerFactory.getLogger(PostgresDialect.class);
    /** The first key of bookingkit's advisory locks, apart from the application's one-key locks: "bk". */
    private static final int LOCK_SPACE = 0x626b;


    @Override
    public String name() {
        return "PostgreSQL";
    }

    @Override
    public String schemaFolder() {
        return "postgresql";
    }

    /**
     * A session-level advisory lock in a key space of bookingkit's own (the two-key form, the
     * first key fixed), keyed by the name's {@link String#hashCode()}, stable by its
     * specification. Tried until granted, for up to {@link #SCHEMA_LOCK_WAIT}.
     */
    @Override
    public boolean lockSchema(Connection connection, String name) throws SQLException {
        long deadline = System.nanoTime() + SCHEMA_LOCK_WAIT.toNanos();
        boolean told = false;
        while (!advisory(connection, "pg_try_advisory_lock", name)) {
            if (System.nanoTime() - deadline > 0) {
                throw new SQLException("The schema lock '" + name + "' was not granted within "
                        + SCHEMA_LOCK_WAIT.toSeconds() + " s: another node is migrating, or stalled doing so", "55P03");
            }
            if (!told) {
                LOG.info("Waiting for another node to finish migrating the bookingkit schema ({})", name);
                told = true;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SQLException("Interrupted while waiting for the schema lock '" + name + "'", "57014", e);
            }
        }
        return true;
    }

    @Override
    public void unlockSchema(Connection connection, String name) throws SQLException {
        advisory(connection, "pg_advisory_unlock", name);
    }

    private static boolean advisory(Connection connection, String function, String name) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT " + function + "(?, ?)")) {
            ps.setInt(1, LOCK_SPACE);
            ps.setInt(2, name.hashCode());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    @Override
    public String limit(int rows) {
        return " LIMIT " + rows;
    }

    @Override
    public String insertIfAbsent(String table, List<String> columns) {
        return Dialects.insert(table, columns) + " ON CONFLICT DO NOTHING";
    }

    @Override
    public Optional<String> updateReturning(String update, String columns) {
        return Optional.of(update + " RETURNING " + columns);
    }

    /**
     * READ COMMITTED for this transaction, whatever the session's default, and generic plans: a
     * custom plan is made anew on every execution (most of a unit's statements' database time),
     * and one made from statistics taken before a tenant had rows scans all of that tenant's rows
     * until the table is analysed again. A generic plan rests on the columns' overall
     * distribution, so the indexes on (tenant, resource, time) keep it narrow for every tenant.
     * {@code plan_cache_mode} needs PostgreSQL 12.
     */
    @Override
    public Optional<String> transactionSettings() {
        return Optional.of("SET TRANSACTION ISOLATION LEVEL READ COMMITTED; SET LOCAL plan_cache_mode = force_generic_plan");
    }

    /** The schema's {@code bk_no_overlap} exclusion constraint. */
    @Override
    public boolean refusesOverlaps() {
        return true;
    }

    /** PgJDBC sends a multi-statement prepared statement's parts with one sync. */
    @Override
    public boolean joinsStatements() {
        return true;
    }

    @Override
    public boolean supportsSkipLocked() {
        return true;
    }

    @Override
    public boolean aggregatesInSql() {
        return true;
    }

    @Override
    public String materialized() {
        // OFFSET 0 keeps the planner from pulling the subquery up into the join.
        return " OFFSET 0";
    }

    @Override
    public String microsSince(Instant origin, String column) {
        // date_part's float8 of a short interval is exact to well below a microsecond, and several
        // times faster than EXTRACT's numeric.
        return "CAST(ROUND(date_part('epoch', " + column + " - TIMESTAMPTZ '" + origin + "') * 1000000) AS BIGINT)";
    }

    @Override
    public Failure classify(SQLException e) {
        for (SQLException s : SqlStates.chain(e)) {
            String state = s.getSQLState();
            if ("40001".equals(state) || "40P01".equals(state) || "55P03".equals(state)) {
                return Failure.RETRY;
            }
            if ("23P01".equals(state) && String.valueOf(s.getMessage()).contains("no_overlap")) {
                return Failure.OVERLAP;
            }
            if ("23505".equals(state)) {
                return Failure.DUPLICATE;
            }
        }
        return Failure.OTHER;
    }
}
