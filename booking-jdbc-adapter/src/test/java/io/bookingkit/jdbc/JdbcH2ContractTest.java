package io.bookingkit.jdbc;

/** The store contract on H2 in memory. */
class JdbcH2ContractTest extends JdbcContractBase {

    @Override
    TestDatabases.Kind kind() {
        return TestDatabases.Kind.H2;
    }
}
