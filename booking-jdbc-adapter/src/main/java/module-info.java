/**
 * bookingkit's JDBC store for PostgreSQL, MariaDB and H2, and its schema. Packages named
 * {@code internal} are not exported.
 */
module io.bookingkit.jdbc {
    requires transitive io.bookingkit.core;
    requires transitive java.sql;
    requires org.slf4j;

    exports io.bookingkit.jdbc;
    exports io.bookingkit.jdbc.dialect;

    // The shipped DDL is read by migration tools (Flyway, Liquibase) from outside the module.
    opens io.bookingkit.jdbc.schema.h2;
    opens io.bookingkit.jdbc.schema.mariadb;
    opens io.bookingkit.jdbc.schema.postgresql;
}
