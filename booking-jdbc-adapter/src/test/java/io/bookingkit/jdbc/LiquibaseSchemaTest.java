package io.bookingkit.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import liquibase.Scope;
import liquibase.UpdateSummaryOutputEnum;
import liquibase.analytics.configuration.AnalyticsArgs;
import liquibase.command.CommandScope;
import liquibase.command.core.UpdateCommandStep;
import liquibase.command.core.helpers.DbUrlConnectionArgumentsCommandStep;
import liquibase.command.core.helpers.ShowSummaryArgument;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;
import liquibase.ui.LoggerUIService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * An application that runs the README's Liquibase changelog ({@code db/changelog/bookingkit.yaml}
 * in the test resources: one {@code sqlFile} changeSet per shipped script) gets the schema
 * {@link Schema#create} makes, compared as {@link FlywaySchemaTest} compares Flyway's.
 *
 * <p>Left out of the comparison: Liquibase's {@code databasechangelog} and {@code
 * databasechangeloglock}, and {@code bk_schema_version} on the {@code Schema.create} side, each
 * tool's own bookkeeping.
 */
class LiquibaseSchemaTest {

    private static final String CHANGELOG = "db/changelog/bookingkit.yaml";
    private static final Set<String> LIQUIBASE_TABLES = Set.of("databasechangelog", "databasechangeloglock");

    /**
     * Liquibase logs through java.util.logging, each step at INFO; the build log gets its warnings.
     * Held here, as java.util.logging forgets a logger's level once nothing references it.
     */
    private static final Logger LIQUIBASE_LOG = Logger.getLogger("liquibase");

    static {
        LIQUIBASE_LOG.setLevel(Level.WARNING);
    }

    private final List<HikariDataSource> pools = new ArrayList<>();

    @AfterEach
    void close() {
        pools.forEach(HikariDataSource::close);
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void liquibaseMakesTheSchemaThatSchemaCreateMakes(TestDatabases.Kind kind) throws Exception {
        SchemaSnapshot expected = SchemaSnapshot.madeBySchemaCreate(FlywaySchemaTest.database(kind, "lb_create", pools));
        HikariDataSource liquibase = FlywaySchemaTest.database(kind, "lb_liquibase", pools);

        update(liquibase);

        assertEquals(FlywaySchemaTest.shippedVersions(liquibase).stream().map(v -> "bookingkit-V" + v).toList(),
                appliedChangeSets(liquibase), "Liquibase applied a changeSet per shipped script, in order");
        assertEquals(List.of(), expected.differences(SchemaSnapshot.of(liquibase, LIQUIBASE_TABLES)),
                "Liquibase's schema against Schema.create's");
    }

    /** README shows this changelog as it is, less its comments. */
    @Test
    void theReadmeShowsThisChangelog() throws Exception {
        String shipped;
        try (InputStream in = LiquibaseSchemaTest.class.getClassLoader().getResourceAsStream(CHANGELOG)) {
            shipped = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(line -> !line.startsWith("#")).collect(Collectors.joining("\n", "", "\n"));
        }
        String readme = Files.readString(Path.of("..", "README.md"));
        String start = "<!-- liquibase-changelog -->\n```yaml\n";
        int from = readme.indexOf(start);
        assertTrue(from >= 0, "README has the marked changelog");
        String shown = readme.substring(from + start.length(), readme.indexOf("```\n<!-- /liquibase-changelog -->"));
        assertEquals(shipped, shown);
    }

    /**
     * Liquibase's update command on one connection. Its console messages and update summary go to
     * its log, and its product analytics, which would call Liquibase's servers, are off.
     */
    private static void update(HikariDataSource dataSource) throws Exception {
        try (Connection c = dataSource.getConnection()) {
            Database database = DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(c));
            Map<String, Object> scope = Map.of(
                    Scope.Attr.resourceAccessor.name(), new ClassLoaderResourceAccessor(),
                    Scope.Attr.ui.name(), new LoggerUIService(),
                    AnalyticsArgs.ENABLED.getKey(), false);
            Scope.child(scope, () -> new CommandScope(UpdateCommandStep.COMMAND_NAME)
                    .addArgumentValue(DbUrlConnectionArgumentsCommandStep.DATABASE_ARG, database)
                    .addArgumentValue(UpdateCommandStep.CHANGELOG_FILE_ARG, CHANGELOG)
                    .addArgumentValue(ShowSummaryArgument.SHOW_SUMMARY_OUTPUT, UpdateSummaryOutputEnum.LOG)
                    .execute());
        }
    }

    private static List<String> appliedChangeSets(HikariDataSource dataSource) throws Exception {
        List<String> ids = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT ID FROM DATABASECHANGELOG ORDER BY ORDEREXECUTED")) {
            while (rs.next()) {
                ids.add(rs.getString(1));
            }
        }
        return ids;
    }
}
