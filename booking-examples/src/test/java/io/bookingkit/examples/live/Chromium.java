package io.bookingkit.examples.live;

import io.bookingkit.testsupport.Prerequisite;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium for the browser tests, driven through Debian's chromedriver. Both
 * are named by path, so Selenium Manager (which would download a browser and a driver) never
 * runs. Tests call {@link #assumeAvailable()}, which skips them where either is missing unless
 * {@code BOOKINGKIT_REQUIRE_CHROMIUM} is {@code 1} or {@code true}, in which case it fails, as
 * {@code GaleraCluster} does with {@code BOOKINGKIT_REQUIRE_GALERA}.
 */
final class Chromium {

    /** Debian's, unless system property {@code bookingkit.chromium} names another. */
    static final Path BROWSER = Path.of(System.getProperty("bookingkit.chromium", "/usr/bin/chromium"));
    /** Debian's, unless system property {@code bookingkit.chromedriver} names another. */
    static final Path DRIVER = Path.of(System.getProperty("bookingkit.chromedriver", "/usr/bin/chromedriver"));

    private static final Prerequisite REQUIRED = Prerequisite.of("Browser tests", "BOOKINGKIT_REQUIRE_CHROMIUM",
            "install chromium and chromium-driver (apt-get install chromium chromium-driver) to run them");
    // Selenium warns on every session that it has no DevTools (CDP) classes for this Chromium;
    // the tests use none. Held here: java.util.logging keeps its loggers only weakly.
    private static final java.util.logging.Logger CDP_WARNINGS =
            java.util.logging.Logger.getLogger("org.openqa.selenium.devtools.CdpVersionFinder");

    static {
        CDP_WARNINGS.setLevel(java.util.logging.Level.SEVERE);
    }

    private Chromium() {
    }

    /** Why the browser tests cannot run here, or empty when they can. */
    static Optional<String> whyUnavailable() {
        if (!Files.isExecutable(BROWSER)) {
            return Optional.of("the browser " + BROWSER + " is missing (Debian package chromium)");
        }
        if (!Files.isExecutable(DRIVER)) {
            return Optional.of("the driver " + DRIVER + " is missing (Debian package chromium-driver)");
        }
        return Optional.empty();
    }

    /**
     * Skips the calling test, saying why, when Chromium or its driver is missing; fails it instead where environment
     * variable {@code BOOKINGKIT_REQUIRE_CHROMIUM} is {@code 1} or {@code true}, as CI sets it.
     */
    static void assumeAvailable() {
        REQUIRED.assume(whyUnavailable());
    }

    /** A new headless browser session; the caller quits it. */
    static ChromeDriver start() {
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(DRIVER.toString())).usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions().setBinary(BROWSER.toFile())
                // Root (as in CI containers) has no sandbox; /dev/shm is small in containers.
                .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                        "--window-size=1400,1000", "--lang=en-US");
        return new ChromeDriver(service, options);
    }
}
