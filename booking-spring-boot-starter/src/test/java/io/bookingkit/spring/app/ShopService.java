package io.bookingkit.spring.app;

import io.bookingkit.BookingEngine;
import io.bookingkit.booking.Actor;
import io.bookingkit.booking.Booking;
import io.bookingkit.booking.BookingRequest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** Takes an order and books its chair in one {@code @Transactional} method, as applications do. */
@Service
public class ShopService {

    /** What the order's transaction saw while it ran, from inside and from outside it. */
    public record Seen(boolean inTransaction, Booking booking, int ordersSeenOutside, int bookingsSeenOutside) {
    }

    /** The order failed after the booking was made. */
    public static final class OrderFailedException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final transient Seen seen;

        OrderFailedException(Seen seen) {
            super("payment refused");
            this.seen = seen;
        }
    }

    private final JdbcTemplate jdbc;
    private final DataSource dataSource;
    private final BookingEngine engine;

    public ShopService(JdbcTemplate jdbc, DataSource dataSource, BookingEngine engine) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        this.engine = engine;
    }

    /**
     * Writes the order, books the chair, looks at both from a connection outside the
     * transaction, then fails if {@code fail} says so.
     */
    @Transactional
    public Seen orderAndBook(String orderId, String customer, String chair, Instant start, boolean fail) {
        jdbc.update("INSERT INTO shop_order (id, customer) VALUES (?, ?)", orderId, customer);
        Booking booking = engine.book(BookingRequest.builder().template("haircut").resource(chair).start(start).build(),
                Actor.customer("shop", customer));
        Seen seen = new Seen(TransactionSynchronizationManager.isActualTransactionActive(), booking,
                countOutside("SELECT COUNT(*) FROM shop_order WHERE id = ?", orderId),
                countOutside("SELECT COUNT(*) FROM bk_booking WHERE id = ?", booking.id()));
        if (fail) {
            throw new OrderFailedException(seen);
        }
        return seen;
    }

    // A connection of its own, not the transaction's: it sees only what was committed.
    private int countOutside(String sql, String id) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
