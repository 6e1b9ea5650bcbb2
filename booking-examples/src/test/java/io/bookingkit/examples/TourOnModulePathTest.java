package io.bookingkit.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import io.bookingkit.BookingEngine;
import io.bookingkit.jdbc.JdbcBookingStore;
import jakarta.validation.Valid;
import java.io.File;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.simple.SimpleLogger;
import org.threeten.extra.MutableClock;

/**
 * The library jars work as named modules: the tour runs in a JVM of its own with bookingkit's
 * modules and their dependencies on the module path, and only the tour itself on the class path,
 * so that a package the tour needs but a module does not export, a missing {@code requires}, or
 * a resource a module cannot read fails the run.
 */
class TourOnModulePathTest {

    @Test
    void theTourRunsWithTheLibrariesAsNamedModules() throws Exception {
        List<String> modules = Stream.of(BookingEngine.class, JdbcBookingStore.class, MutableClock.class,
                        LoggerFactory.class, SimpleLogger.class, Valid.class, org.h2.Driver.class,
                        HikariDataSource.class)
                .map(TourOnModulePathTest::locationOf).toList();
        String modulePath = String.join(File.pathSeparator, modules);
        // The rest of the test's class path (the tour, and the e-mail step's SMTP server and
        // mail libraries) stays on the class path, as an application's own code would.
        String classPath = Stream.of(System.getProperty("surefire.test.class.path",
                        System.getProperty("java.class.path")).split(File.pathSeparator))
                .filter(entry -> !modules.contains(Path.of(entry).toString()))
                .collect(Collectors.joining(File.pathSeparator));
        List<String> command = List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Duser.timezone=Asia/Kathmandu", "-Duser.language=en", "-Duser.country=US",
                "--show-module-resolution",
                "--module-path", modulePath,
                "--add-modules", "io.bookingkit.jdbc,org.slf4j.simple,com.h2database,com.zaxxer.hikari",
                "-cp", classPath,
                Tour.class.getName());
        Process tour = new ProcessBuilder(command).redirectErrorStream(true).start();
        tour.getOutputStream().close();
        String out = new String(tour.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(tour.waitFor(2, TimeUnit.MINUTES), "the tour did not finish");

        assertEquals(0, tour.exitValue(), "the tour on the module path failed:\n" + out);
        for (String module : List.of("io.bookingkit.core", "io.bookingkit.jdbc")) {
            assertTrue(out.lines().anyMatch(line -> line.contains(module + " file:")),
                    module + " should resolve as a named module, but the resolution was:\n" + out);
        }
        for (String expected : List.of("== Store: H2", "ya está ocupado", "Turno confirmado",
                "reception confirms: CONFIRMED", "1 winner, 31 refused; the store holds 1 booking",
                "#2 Tue 2026-10-27 18:00 +01:00")) {
            assertTrue(out.contains(expected), "the tour should print '" + expected + "', but printed:\n" + out);
        }
    }

    private static String locationOf(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("no file location for " + type, e);
        }
    }
}
