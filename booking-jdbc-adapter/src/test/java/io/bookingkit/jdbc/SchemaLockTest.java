package io.bookingkit.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.zaxxer.hikari.HikariDataSource;
import io.bookingkit.jdbc.dialect.Dialect;
import io.bookingkit.jdbc.dialect.Dialects;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Nodes that start together migrate one after another: the database's schema lock keeps a
 * second session waiting until the first gives it back, and several {@link Schema#create} calls
 * at once on an empty database each succeed, applying every script once.
 */
class SchemaLockTest {

    @Test
    void aSecondSessionWaitsForTheSchemaLockOnPostgresAndMariaDb() throws Exception {
        for (TestDatabases.Kind kind : List.of(TestDatabases.Kind.POSTGRES, TestDatabases.Kind.MARIADB)) {
            HikariDataSource pool = TestDatabases.pool(kind, 2);
            Dialect dialect = Dialects.detect(pool);
            ExecutorService second = Executors.newSingleThreadExecutor();
            try (Connection first = pool.getConnection(); Connection other = pool.getConnection()) {
                assertTrue(dialect.lockSchema(first, "bookingkit-schema-lock-test"), kind + " has a schema lock");
                Future<Boolean> waiting = second.submit(() -> dialect.lockSchema(other, "bookingkit-schema-lock-test"));
                assertThrowsTimeout(waiting, kind);

                dialect.unlockSchema(first, "bookingkit-schema-lock-test");
                assertTrue(waiting.get(30, TimeUnit.SECONDS), kind + ": the waiting session gets the lock once it is free");
                dialect.unlockSchema(other, "bookingkit-schema-lock-test");
            } finally {
                second.shutdownNow();
                pool.close();
            }
        }
    }

    /** Schema.create takes the database's lock: another session holding it keeps the migration waiting. */
    @Test
    void aMigrationWaitsWhileAnotherSessionHoldsTheSchemaLock() throws Exception {
        for (TestDatabases.Kind kind : List.of(TestDatabases.Kind.POSTGRES, TestDatabases.Kind.MARIADB)) {
            HikariDataSource database = TestDatabases.freshDatabase(kind, "schema_wait_"
                    + kind.name().toLowerCase(Locale.ROOT));
            Dialect dialect = Dialects.detect(database);
            try (Connection otherNode = database.getConnection()) {
                assertTrue(dialect.lockSchema(otherNode, Schema.lockName("bk_")));
                CompletableFuture<Void> migration = CompletableFuture.runAsync(() -> Schema.create(database));
                try {
                    migration.get(1, TimeUnit.SECONDS);
                    fail(kind + ": the migration ran while another session held the schema lock");
                } catch (TimeoutException expected) {
                    // waiting, as it should
                }
                dialect.unlockSchema(otherNode, Schema.lockName("bk_"));
                migration.get(2, TimeUnit.MINUTES);
            }
            assertEquals(TestDatabases.SCHEMA_VERSIONS, versions(database), kind.toString());
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void nodesCreatingTheSchemaAtOnceEachSucceedAndApplyEveryScriptOnce(TestDatabases.Kind kind) throws Exception {
        HikariDataSource database = TestDatabases.freshDatabase(kind, "schema_race_" + kind.name().toLowerCase(Locale.ROOT));
        int nodes = 4;
        CyclicBarrier start = new CyclicBarrier(nodes);
        List<CompletableFuture<Void>> starts = new ArrayList<>();
        for (int i = 0; i < nodes; i++) {
            starts.add(CompletableFuture.runAsync(() -> {
                await(start);
                Schema.create(database);
            }));
        }
        CompletableFuture.allOf(starts.toArray(CompletableFuture[]::new)).get(2, TimeUnit.MINUTES);

        assertEquals(TestDatabases.SCHEMA_VERSIONS, versions(database));
    }

    private static List<String> versions(HikariDataSource database) throws Exception {
        List<String> versions = new ArrayList<>();
        try (Connection c = database.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT version FROM bk_schema_version ORDER BY version")) {
            while (rs.next()) {
                versions.add(rs.getString(1));
            }
        }
        return versions;
    }

    private static void assertThrowsTimeout(Future<Boolean> waiting, TestDatabases.Kind kind) throws Exception {
        try {
            waiting.get(500, TimeUnit.MILLISECONDS);
            fail(kind + ": a second session got the schema lock while the first held it");
        } catch (TimeoutException expected) {
            // still waiting, as it should
        }
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
