package io.bookingkit.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.zaxxer.hikari.HikariDataSource;
import io.bookingkit.jdbc.dialect.Dialects;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class DatabasesSmokeTest {

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void schemaIsCreatedAndTheDialectDetected(TestDatabases.Kind kind) {
        HikariDataSource pool = TestDatabases.freshPool(kind, 2);
        String expected = switch (kind) {
            case H2 -> "H2";
            case POSTGRES -> "PostgreSQL";
            case MARIADB -> "MariaDB/MySQL";
        };
        assertEquals(expected, Dialects.detect(pool).name());
    }
}
