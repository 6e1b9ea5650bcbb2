package io.bookingkit.jdbc;

/** The store contract on embedded MariaDB (or BOOKINGKIT_MARIADB_URL). */
class JdbcMariaDbContractTest extends JdbcContractBase {

    @Override
    TestDatabases.Kind kind() {
        return TestDatabases.Kind.MARIADB;
    }
}
