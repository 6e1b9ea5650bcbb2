package io.bookingkit.jdbc.dialect;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Walks an exception's chain of next exceptions and causes, where drivers hide the real SQLSTATE. */
final class SqlStates {

    private SqlStates() {
    }

    static List<SQLException> chain(SQLException e) {
        List<SQLException> all = new ArrayList<>();
        Throwable t = e;
        while (t != null && all.size() < 16) {
            if (t instanceof SQLException s) {
                all.add(s);
                if (s.getNextException() != null && !all.contains(s.getNextException())) {
                    all.add(s.getNextException());
                }
            }
            t = t.getCause() == t ? null : t.getCause();
        }
        return all;
    }
}
