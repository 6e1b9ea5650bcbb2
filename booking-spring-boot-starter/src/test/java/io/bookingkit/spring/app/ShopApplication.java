package io.bookingkit.spring.app;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/** A shop that takes orders in its own table and books chairs through the starter's engine. */
@SpringBootApplication
public class ShopApplication {

    /** A Monday morning: the engine takes the application's clock. */
    static final Instant NOW = Instant.parse("2030-01-07T08:00:00Z");

    @Bean
    Clock clock() {
        return Clock.fixed(NOW, ZoneOffset.UTC);
    }
}
