package io.bookingkit.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.zaxxer.hikari.HikariDataSource;
import io.bookingkit.jdbc.dialect.Dialects;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * An application that points Flyway at the scripts in the jar, as the README shows, gets the
 * tables, columns, keys, indexes and constraints {@link Schema#create} makes. Each side has a
 * database of its own, so nothing another test creates shows in the comparison.
 *
 * <p>Left out of the comparison: each tool's record of what it applied, {@code
 * bookingkit_schema_history} on the Flyway side and {@code bk_schema_version} on the other. They
 * differ by design, and the store never reads them.
 */
class FlywaySchemaTest {

    /** The README's history table, apart from an application's own Flyway migrations. */
    private static final String HISTORY_TABLE = "bookingkit_schema_history";
    private static final Set<String> FLYWAY_HISTORY = Set.of(HISTORY_TABLE);

    private final List<HikariDataSource> pools = new ArrayList<>();

    @AfterEach
    void close() {
        pools.forEach(HikariDataSource::close);
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void flywayMakesTheSchemaThatSchemaCreateMakes(TestDatabases.Kind kind) throws SQLException {
        SchemaSnapshot expected = SchemaSnapshot.madeBySchemaCreate(database(kind, "fw_create"));
        HikariDataSource flyway = database(kind, "fw_flyway");

        MigrateResult result = migrate(kind, flyway);

        assertEquals(shippedVersions(flyway), result.migrations.stream().map(m -> m.version).toList(),
                "Flyway found every shipped script and applied them in order");
        assertEquals(List.of(), expected.differences(SchemaSnapshot.of(flyway, FLYWAY_HISTORY)),
                "Flyway's schema against Schema.create's");
    }

    /**
     * The comparison can fail, and says where: an index dropped after Flyway ran is the one
     * difference it reports, on each database.
     */
    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void anIndexMissingOnOneSideIsReportedByName(TestDatabases.Kind kind) throws SQLException {
        SchemaSnapshot expected = SchemaSnapshot.madeBySchemaCreate(database(kind, "fw_neg_create"));
        HikariDataSource flyway = database(kind, "fw_neg_flyway");
        migrate(kind, flyway);
        try (Connection c = flyway.getConnection(); Statement s = c.createStatement()) {
            s.execute(kind == TestDatabases.Kind.MARIADB ? "DROP INDEX bk_booking_series ON bk_booking"
                    : "DROP INDEX bk_booking_series");
        }

        assertEquals(List.of("missing bk_booking: index bk_booking_series (tenant_id, series_id)"),
                expected.differences(SchemaSnapshot.of(flyway, FLYWAY_HISTORY)));
    }

    /**
     * A database made earlier by {@code Schema.create} is taken over as the README says:
     * baselined at the current version, nothing applied again, nothing changed.
     */
    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void aDatabaseMadeBySchemaCreateIsBaselinedAndLeftAsItIs(TestDatabases.Kind kind) throws SQLException {
        HikariDataSource database = database(kind, "fw_baseline");
        SchemaSnapshot before = SchemaSnapshot.madeBySchemaCreate(database);
        String current = String.valueOf(Schema.scripts(Dialects.detect(database)).size());

        MigrateResult result = configure(kind, database).baselineOnMigrate(true).baselineVersion(current).load()
                .migrate();

        assertEquals(List.of(), result.migrations, "no script runs again");
        assertEquals(List.of(), before.differences(SchemaSnapshot.of(database, Set.of(HISTORY_TABLE,
                "bk_schema_version"))));
    }

    /** The versions of the scripts Schema.create would apply on {@code dataSource}'s database. */
    static List<String> shippedVersions(HikariDataSource dataSource) {
        return Schema.scripts(Dialects.detect(dataSource)).stream().map(s -> String.valueOf(s.version())).toList();
    }

    /** A new database of its own for one side of one comparison. */
    static HikariDataSource database(TestDatabases.Kind kind, String side, List<HikariDataSource> pools) {
        HikariDataSource pool = TestDatabases.freshDatabase(kind, side + "_" + kind.name().toLowerCase(Locale.ROOT));
        pools.add(pool);
        return pool;
    }

    private HikariDataSource database(TestDatabases.Kind kind, String side) {
        return database(kind, side, pools);
    }

    private static MigrateResult migrate(TestDatabases.Kind kind, HikariDataSource dataSource) {
        return configure(kind, dataSource).load().migrate();
    }

    /** The README's set-up, but for the folder, which the README names per database. */
    private static FluentConfiguration configure(TestDatabases.Kind kind, HikariDataSource dataSource) {
        String folder = switch (kind) {
            case H2 -> "h2";
            case POSTGRES -> "postgresql";
            case MARIADB -> "mariadb";
        };
        return Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:io/bookingkit/jdbc/schema/" + folder)
                .table(HISTORY_TABLE);
    }
}
