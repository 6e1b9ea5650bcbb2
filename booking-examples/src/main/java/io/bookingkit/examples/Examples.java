package io.bookingkit.examples;

import io.bookingkit.jdbc.JdbcBookingStore;
import io.bookingkit.jdbc.Schema;
import io.bookingkit.notify.NotificationPort;
import io.bookingkit.template.ServiceTemplate;
import io.bookingkit.template.TemplateCatalog;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.h2.jdbcx.JdbcDataSource;

/**
 * What the examples share: their template files, a store for their own {@code main}, a console
 * for notifications, and how they print times. Copy it along with an example.
 */
public final class Examples {

    /** Local times as the examples print them. */
    public static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH);

    /** Dates as the examples print them. */
    public static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE yyyy-MM-dd", Locale.ENGLISH);

    private Examples() {
    }

    /**
     * Loads a template file that sits beside a class on the class path.
     *
     * @param owner the class whose package holds the file
     * @param file  the file's name, such as {@code barber.properties}
     * @return the template
     * @throws io.bookingkit.template.TemplateLoadException listing every bad key
     */
    public static ServiceTemplate template(Class<?> owner, String file) {
        // TemplateCatalog reads files and readers; a class-path resource becomes a reader here.
        try (InputStream in = owner.getResourceAsStream(file)) {
            if (in == null) {
                throw new IllegalStateException("No template " + file + " beside " + owner.getName());
            }
            return TemplateCatalog.load(new InputStreamReader(in, StandardCharsets.UTF_8), file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }

    /**
     * The URL of an in-memory H2 database set up as the store wants it under concurrency.
     *
     * @param name the database's name; the database lives as long as the JVM
     * @return the JDBC URL
     */
    public static String h2Url(String name) {
        // QUERY_CACHE_SIZE=0: H2's query cache could answer a locked read with older rows;
        // LOCK_TIMEOUT: threads that race for one chair wait for the lock rather than give up.
        return "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1;QUERY_CACHE_SIZE=0;LOCK_TIMEOUT=10000";
    }

    /**
     * A store on a fresh in-memory H2 database ({@link #h2Url}), its tables created, for an
     * example run alone.
     *
     * @param name the database's name; the database lives as long as the JVM
     * @return the store
     */
    public static JdbcBookingStore h2(String name) {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL(h2Url(name));
        Schema.create(dataSource);
        return JdbcBookingStore.create(dataSource);
    }

    /**
     * A notification port that prints each notification on one line.
     *
     * @param out where to print
     * @return the port
     */
    public static NotificationPort console(PrintStream out) {
        return n -> out.printf("   [notify %s] %s to %s (%s)%n", n.channel().map(Object::toString).orElse("default"), n.kind(),
                n.recipient(), n.locale().toLanguageTag());
    }

    /**
     * An instant as a local time of day.
     *
     * @param instant the instant
     * @param zone    whose wall clock to read
     * @return such as {@code 18:00}
     */
    public static String local(Instant instant, ZoneId zone) {
        return TIME.format(instant.atZone(zone));
    }
}
