package io.bookingkit.jdbc.dialect;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/**
 * What differs between the supported databases: how instants are bound and read, how a
 * row count is limited, how a row is inserted unless it exists, whether {@code SKIP LOCKED}
 * exists, and what an error means. One implementation per database; {@link Dialects#detect}
 * picks one from the connection's metadata.
 */
public interface Dialect {

    /** What a failed statement means for the unit of work. */
    enum Failure {
        /** A deadlock, lock timeout or serialization failure: roll back and run the unit again. */
        RETRY,
        /** A unique key was violated: the id or idempotency key is taken. */
        DUPLICATE,
        /** The overlap constraint refused a blocking booking: a conflict, not an error. */
        OVERLAP,
        /** Anything else. */
        OTHER
    }

    /**
     * The database's name, for logs.
     *
     * @return a short name such as {@code PostgreSQL}
     */
    String name();

    /**
     * How long {@link #lockSchema} waits for another node's migration before it fails, so that a
     * node that stalls while migrating makes the others fail with a clear message instead of hang.
     */
    Duration SCHEMA_LOCK_WAIT = Duration.ofMinutes(5);

    /**
     * Takes the database-wide lock named {@code name} for the session of {@code connection},
     * waiting for another session that holds it; {@link #unlockSchema} gives it back. Schema
     * migration runs under it, so that nodes starting together migrate one after another. By
     * default there is none (H2, whose databases one process opens), and
     * {@code Schema.create} serializes only the migrations of its own JVM.
     *
     * @param connection the session to take it for
     * @param name       the lock's name, the same on every node
     * @return whether the database has such a lock and this session now holds it
     * @throws SQLException if the lock was not granted within the database's wait
     */
    default boolean lockSchema(Connection connection, String name) throws SQLException {
        return false;
    }

    /**
     * Gives back the lock {@link #lockSchema} took.
     *
     * @param connection the session that holds it
     * @param name       its name
     * @throws SQLException if the database refuses
     */
    default void unlockSchema(Connection connection, String name) throws SQLException {
    }

    /**
     * The folder of its DDL under {@code io/bookingkit/jdbc/schema/}.
     *
     * @return a folder name such as {@code postgresql}
     */
    String schemaFolder();

    /**
     * Binds {@code value} so that the column holds that instant; by default as an
     * {@code OffsetDateTime} at UTC, which {@code timestamp with time zone} columns store exactly.
     *
     * @param statement the statement to bind in
     * @param index     the parameter's position, from 1
     * @param value     the instant, or null for SQL NULL
     * @throws SQLException if the driver refuses the value
     */
    default void setInstant(PreparedStatement statement, int index, Instant value) throws SQLException {
        statement.setObject(index, value == null ? null : OffsetDateTime.ofInstant(value, ZoneOffset.UTC));
    }

    /**
     * Reads the instant held by {@code column}; null for SQL NULL.
     *
     * @param row    a result set on the row to read
     * @param column the column's label
     * @return the instant, or null
     * @throws SQLException if the driver cannot read the column as an instant
     */
    default Instant getInstant(ResultSet row, String column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    /**
     * A clause that limits a query to {@code rows} rows, placed after ORDER BY.
     *
     * @param rows the largest number of rows to return, positive
     * @return the clause with a leading space, such as {@code " LIMIT 10"}
     */
    String limit(int rows);

    /**
     * An INSERT of one row of {@code columns} into {@code table}, one {@code ?} per column in
     * their order, that leaves a row with the same primary key as it is. It must be right under
     * concurrency: an insert of the same key by a transaction still running is waited for, not
     * taken for absent, and nothing fails the transaction. Where the database has no such
     * statement, the dialect returns a plain INSERT and says with {@link #rowExists} which failure
     * of it only means that the row is there.
     *
     * @param table   the table name, qualified and prefixed
     * @param columns the column names, primary key columns included
     * @return the statement's SQL text
     */
    String insertIfAbsent(String table, List<String> columns);

    /**
     * Whether {@code e}, raised by an {@link #insertIfAbsent} statement, only says that a row with
     * its key exists, while the database undid the statement alone and the transaction goes on.
     * False unless the dialect's {@code insertIfAbsent} is a plain INSERT.
     *
     * @param e what the statement raised
     * @return true if the row exists and the transaction can go on
     */
    default boolean rowExists(SQLException e) {
        return false;
    }

    /**
     * A query that runs {@code update} (an {@code UPDATE … WHERE …} of one row) and returns
     * {@code columns} of the row as updated, in one round trip; empty where the database has no
     * such form, and the store then reads the row with a second statement.
     *
     * @param update  the UPDATE statement's SQL text
     * @param columns the columns to return, comma-separated as in a select list
     * @return the combined query's SQL text, or empty
     */
    default Optional<String> updateReturning(String update, String columns) {
        return Optional.empty();
    }

    /**
     * Statements that give the transaction they start what the store relies on: READ COMMITTED
     * isolation, and on PostgreSQL generic plans. The store sends them with a transaction's first
     * statement instead of asking the connection for its isolation level, which costs a round
     * trip on some drivers; nothing needs restoring, as they last for that transaction only. Empty
     * (the default) where the store reads and sets the isolation through JDBC instead. Only a
     * dialect that {@linkplain #joinsStatements() joins statements} may have them.
     *
     * @return the statements, {@code ;}-separated, or empty
     */
    default Optional<String> transactionSettings() {
        return Optional.empty();
    }

    /**
     * Whether the schema's own constraint refuses two blocking, unforced bookings of a one-seat
     * resource whose occupied times overlap, as PostgreSQL's exclusion constraint does; false by
     * default. Where it does, the store books such a resource in a shared unit
     * ({@link io.bookingkit.spi.BookingStore#inSharedUnitOfWork}): a {@code SELECT … FOR SHARE}
     * of the resource row instead of writing it, and the constraint in place of the overlap read,
     * provided the dialect also {@linkplain #joinsStatements() joins statements}.
     *
     * @return true where the schema refuses overlaps itself
     */
    default boolean refusesOverlaps() {
        return false;
    }

    /**
     * Whether the driver runs several {@code ;}-separated statements of one prepared statement,
     * with their parameters numbered across them, in one round trip; false by default.
     *
     * @return true where a unit's writes and its commit can travel together
     */
    default boolean joinsStatements() {
        return false;
    }

    /**
     * An expression for the microseconds from {@code origin} to the instant in {@code column}, as a
     * BIGINT, exact for instants within 60 years of {@code origin}; by default from
     * {@code EXTRACT(EPOCH …)} (PostgreSQL and H2 have it), rounded to whole microseconds.
     *
     * @param origin the instant to count from
     * @param column the column, or an expression, holding an instant
     * @return the expression's SQL text
     */
    default String microsSince(Instant origin, String column) {
        return "(CAST(ROUND(EXTRACT(EPOCH FROM " + column + ") * 1000000) AS BIGINT) - " + epochMicros(origin) + ")";
    }

    /**
     * Microseconds from the epoch to {@code instant}, for SQL text.
     *
     * @param instant the instant; within about 292,000 years of the epoch
     * @return the microseconds, rounded down
     * @throws ArithmeticException if they do not fit in a {@code long}
     */
    static long epochMicros(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1000);
    }

    /**
     * Whether the store adds up statistics in one SQL statement ({@code StatsSql}: common table
     * expressions, {@code VALUES} lists, {@code GREATEST}, {@code ROW_NUMBER()}, and
     * {@link #microsSince} and {@link #quotient}), or reads the window's bookings and adds up in
     * Java. False by default, so that a dialect of another database opts in once tested;
     * PostgreSQL and MariaDB do. H2 does not: it evaluates a common table expression again for
     * every reference and every row it is joined to.
     *
     * @return true to add up in SQL
     */
    default boolean aggregatesInSql() {
        return false;
    }

    /**
     * What to append to a subquery so that the database computes its rows once before joining
     * them to a short list, rather than merging it into the join and probing an index for each
     * element of the list; empty by default.
     *
     * @return the SQL text to append, with a leading space (PostgreSQL: {@code " OFFSET 0"}), or
     *         the empty string
     */
    default String materialized() {
        return "";
    }

    /**
     * An expression for the integer quotient of two non-negative BIGINT expressions, rounded
     * down; by default {@code /}, which divides integers as integers.
     *
     * @param dividend an SQL expression for the number divided
     * @param divisor  an SQL expression for the number to divide by, positive
     * @return the expression's SQL text
     */
    default String quotient(String dividend, String divisor) {
        return "(" + dividend + ") / (" + divisor + ")";
    }

    /**
     * Whether {@code SELECT … FOR UPDATE SKIP LOCKED} is available.
     *
     * @return true if the database has {@code SKIP LOCKED}
     */
    boolean supportsSkipLocked();

    /**
     * What in the database's configuration, read over {@code connection}, weakens what units of
     * work rely on, each with its remedy; empty by default.
     *
     * @param connection an open connection to the database
     * @return one message per problem, empty if there is none
     * @throws SQLException if the settings cannot be read
     */
    default List<String> configurationProblems(java.sql.Connection connection) throws SQLException {
        return List.of();
    }

    /**
     * What {@code e} means.
     *
     * @param e the failure of a statement, or of a commit or rollback
     * @return what to do about it
     */
    Failure classify(SQLException e);
}
