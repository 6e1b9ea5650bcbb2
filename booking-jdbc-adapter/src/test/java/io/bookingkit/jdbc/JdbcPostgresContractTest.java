package io.bookingkit.jdbc;

/** The store contract on embedded PostgreSQL (or BOOKINGKIT_PG_URL). */
class JdbcPostgresContractTest extends JdbcContractBase {

    @Override
    TestDatabases.Kind kind() {
        return TestDatabases.Kind.POSTGRES;
    }
}
