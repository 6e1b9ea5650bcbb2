package io.bookingkit.examples;

import io.bookingkit.BookingEngine;
import io.bookingkit.booking.Actor;
import io.bookingkit.booking.BookingRequest;
import io.bookingkit.jdbc.JdbcBookingStore;
import io.bookingkit.jdbc.Schema;
import io.bookingkit.resource.Resource;
import io.bookingkit.schedule.OpeningHours;
import io.bookingkit.template.TemplateCatalog;
import java.time.*;
import org.h2.jdbcx.JdbcConnectionPool;

/** A first booking: a barber's chair in Madrid on an in-memory H2 database, booked and cancelled. */
class FirstBooking {
    public static void main(String[] args) {
        var h2 = JdbcConnectionPool.create("jdbc:h2:mem:shop;DB_CLOSE_DELAY=-1;QUERY_CACHE_SIZE=0", "sa", "");
        Schema.create(h2);                       // creates the tables, or upgrades them
        BookingEngine engine = BookingEngine.builder().store(JdbcBookingStore.create(h2))
                .clock(Clock.systemUTC()).templates(TemplateCatalog.verticals()).build();
        ZoneId madrid = ZoneId.of("Europe/Madrid");
        engine.resources().register(Resource.of("shop", "chair-1", "Chair 1", OpeningHours.parse("Mo-Su 09:00-18:00", madrid)));
        Actor ana = Actor.customer("shop", "ana");
        var booking = engine.book(BookingRequest.builder().template("barber").resource("chair-1")
                .start(LocalDate.now(madrid).plusDays(2).atTime(10, 0).atZone(madrid).toInstant()).build(), ana);
        System.out.println("Booked " + booking.interval() + ": " + booking.status());
        System.out.println("Cancelled: " + engine.cancel(booking.id(), ana, "changed my mind").status());
    }
}
