package io.bookingkit.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What a real three-node Galera cluster does to concurrent transactions, and so what the JDBC
 * adapter can rely on there: writes replicate to every node, row locks taken with
 * {@code SELECT … FOR UPDATE} are local to one node, and of two transactions on two nodes that
 * write the same row the second to commit fails with error 1213 (SQLSTATE 40001).
 *
 * <p>Every test is skipped where {@link GaleraCluster#whyUnavailable()} finds no way to run the
 * cluster, and fails there instead when {@code BOOKINGKIT_REQUIRE_GALERA} is {@code 1} or
 * {@code true}.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class GaleraClusterTest {

    private static final int DEADLOCK = 1213;
    private static final String SERIALIZATION_FAILURE = "40001";

    private static GaleraCluster cluster;

    @BeforeAll
    @Timeout(value = 8, unit = TimeUnit.MINUTES)
    static void startCluster() throws SQLException {
        if (GaleraCluster.whyUnavailable().isPresent()) {
            // requireCluster() skips (or, under CI, fails) every test with the reason. Aborting here
            // instead would hide them: Surefire reports a class aborted in @BeforeAll as
            // "Tests run: 0, Skipped: 0" with no reason (SUREFIRE-2300).
            return;
        }
        cluster = GaleraCluster.start(3);
        try (Connection c = connect(0); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE resource (id BIGINT PRIMARY KEY, version BIGINT NOT NULL) ENGINE=InnoDB");
            s.execute("CREATE TABLE booking (id BIGINT PRIMARY KEY, resource_id BIGINT NOT NULL) ENGINE=InnoDB");
        }
    }

    @BeforeEach
    void requireCluster() {
        GaleraCluster.assumeAvailable();
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void everyNodeSeesAClusterOfThree() throws SQLException {
        assertEquals(3, cluster.size());
        for (int node = 0; node < cluster.size(); node++) {
            try (Connection c = connect(node);
                    Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SHOW STATUS LIKE 'wsrep_cluster_size'")) {
                assertTrue(rs.next(), "node " + node + " reports wsrep_cluster_size");
                assertEquals("3", rs.getString(2), "wsrep_cluster_size on node " + node);
            }
        }
    }

    @Test
    void rowWrittenOnTheFirstNodeIsReadOnTheThird() throws SQLException {
        try (Connection writer = connect(0); Statement s = writer.createStatement()) {
            s.executeUpdate("INSERT INTO resource (id, version) VALUES (100, 7)");
        }
        try (Connection reader = connect(2)) {
            assertEquals(7L, version(reader, 100));
        }
    }

    @Test
    void conflictingUpdatesOnTwoNodesFailTheSecondCommit() throws SQLException {
        insertResource(200);
        try (Connection a = connect(0); Connection b = connect(1)) {
            a.setAutoCommit(false);
            b.setAutoCommit(false);

            lockResource(a, 200);
            lockResource(b, 200); // does not wait: A's lock exists only on node 0
            setVersion(a, 200, 1);
            setVersion(b, 200, 2);

            a.commit();
            SQLException lost = assertThrows(SQLException.class, b::commit,
                    "the second of two conflicting commits on different nodes must fail");
            assertEquals(DEADLOCK, lost.getErrorCode(), "error code of " + lost);
            assertEquals(SERIALIZATION_FAILURE, lost.getSQLState(), "SQLSTATE of " + lost);
        }
        for (int node = 0; node < cluster.size(); node++) {
            try (Connection c = connect(node)) {
                assertEquals(1L, version(c, 200), "the first commit's value on node " + node);
            }
        }
    }

    @Test
    void forUpdateLocksAreNodeLocalSoDisjointInsertsBothCommit() throws SQLException {
        insertResource(300);
        try (Connection a = connect(0); Connection b = connect(1)) {
            a.setAutoCommit(false);
            b.setAutoCommit(false);

            lockResource(a, 300);
            lockResource(b, 300); // does not wait: A's lock exists only on node 0
            insertBooking(a, 3001, 300);
            insertBooking(b, 3002, 300);

            a.commit();
            b.commit(); // no conflict: FOR UPDATE is not replicated, the inserted rows differ
        }
        try (Connection c = connect(2);
                PreparedStatement select = c.prepareStatement("SELECT COUNT(*) FROM booking WHERE resource_id = ?")) {
            select.setLong(1, 300);
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                assertEquals(2, rs.getInt(1), "bookings of both transactions on node 2");
            }
        }
    }

    /** A connection to {@code node} whose reads wait until the node has applied all earlier commits. */
    private static Connection connect(int node) throws SQLException {
        Connection c = DriverManager.getConnection(cluster.jdbcUrl(node), GaleraCluster.USER, GaleraCluster.PASSWORD);
        try (Statement s = c.createStatement()) {
            s.execute("SET SESSION wsrep_sync_wait = 1");
            s.execute("SET SESSION innodb_lock_wait_timeout = 10");
        } catch (SQLException e) {
            c.close();
            throw e;
        }
        return c;
    }

    private static void insertResource(long id) throws SQLException {
        try (Connection c = connect(0); Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO resource (id, version) VALUES (" + id + ", 0)");
        }
    }

    private static void lockResource(Connection c, long id) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("SELECT version FROM resource WHERE id = ? FOR UPDATE")) {
            select.setLong(1, id);
            select.setQueryTimeout(20);
            try (ResultSet rs = select.executeQuery()) {
                assertTrue(rs.next(), "resource " + id + " exists");
            }
        }
    }

    private static void setVersion(Connection c, long id, long version) throws SQLException {
        try (PreparedStatement update = c.prepareStatement("UPDATE resource SET version = ? WHERE id = ?")) {
            update.setLong(1, version);
            update.setLong(2, id);
            update.setQueryTimeout(20);
            assertEquals(1, update.executeUpdate());
        }
    }

    private static void insertBooking(Connection c, long id, long resourceId) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO booking (id, resource_id) VALUES (?, ?)")) {
            insert.setLong(1, id);
            insert.setLong(2, resourceId);
            insert.setQueryTimeout(20);
            assertEquals(1, insert.executeUpdate());
        }
    }

    private static long version(Connection c, long id) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("SELECT version FROM resource WHERE id = ?")) {
            select.setLong(1, id);
            try (ResultSet rs = select.executeQuery()) {
                assertTrue(rs.next(), "resource " + id + " exists");
                return rs.getLong(1);
            }
        }
    }
}
