package io.bookingkit.examples.live;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.bookingkit.BookingEngine;
import io.bookingkit.examples.ExampleDatabase;
import io.bookingkit.examples.Examples;
import io.bookingkit.jdbc.JdbcBookingStore;
import io.bookingkit.jdbc.Schema;
import io.bookingkit.resource.Resource;
import io.bookingkit.schedule.OpeningHours;
import io.bookingkit.template.TemplateCatalog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.threeten.extra.MutableClock;

/**
 * The live page in two headless Chromium sessions: a slot booked in one turns taken in the
 * other without a reload, and a booking cancelled in the second turns red in the first, its
 * slot free again. Skipped (or, with {@code BOOKINGKIT_REQUIRE_CHROMIUM}, failed) where Debian's
 * chromium or chromium-driver is missing; see {@link Chromium}.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class LiveBrowserTest {

    // Chromium's first start on a loaded 2-core machine takes a while.
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Path SCREENSHOTS = Path.of("target", "live-browser");

    private static HikariDataSource dataSource;
    private static LiveServer server;
    private static ChromeDriver first;
    private static ChromeDriver second;

    @BeforeAll
    static void start() {
        if (Chromium.whyUnavailable().isPresent()) {
            // requireChromium() skips (or, under CI, fails) every test with the reason. Aborting
            // here instead would hide them: Surefire reports a class aborted in @BeforeAll as
            // "Tests run: 0, Skipped: 0" with no reason (SUREFIRE-2300).
            return;
        }
        String tenant = "browser-" + UUID.randomUUID().toString().substring(0, 8);
        dataSource = ExampleDatabase.fromArgs(new String[0], Examples.h2Url(tenant));
        Schema.create(dataSource);
        MutableClock clock = MutableClock.of(LiveServerTest.NOW, ZoneOffset.UTC);
        BookingEngine engine = BookingEngine.builder().store(JdbcBookingStore.create(dataSource)).clock(clock)
                .templates(TemplateCatalog.verticals()).build();
        engine.resources().register(Resource.of(tenant, "chair-1", "Silla de Martín",
                OpeningHours.parse(LiveServerTest.HOURS, LiveServerTest.BUENOS_AIRES)));
        server = LiveServer.builder(engine, tenant).port(0).clock(clock).heartbeat(Duration.ofSeconds(2))
                .resource("chair-1", "barber").start();
        first = Chromium.start();
        second = Chromium.start();
    }

    @AfterAll
    static void stop() {
        for (WebDriver driver : new WebDriver[] {first, second}) {
            if (driver != null) {
                driver.quit();
            }
        }
        if (server != null) {
            server.close();
        }
        if (dataSource != null) {
            dataSource.close();
        }
    }

    @BeforeEach
    void requireChromium() {
        Chromium.assumeAvailable();
    }

    @Test
    void aSlotBookedInOneWindowTurnsTakenInTheOtherWithoutAReload() throws IOException {
        for (ChromeDriver browser : List.of(first, second)) {
            browser.get(server.uri().toString());
            waitFor(browser, By.cssSelector(".bk-slot"));
            waitFor(browser, By.cssSelector("#live[data-state='open']"));
        }
        Object firstLoadedAt = loadedAt(first);
        Object secondLoadedAt = loadedAt(second);
        assertThat(first.findElement(By.cssSelector(".bk-caption")).getText()).contains("America/Argentina/Buenos_Aires");

        // Tuesday's first free slot: 09:00 in Buenos Aires, shown as such.
        WebElement slot = first.findElement(By.cssSelector(".bk-day[data-date='2026-12-22'] .bk-slot"));
        String start = slot.getAttribute("data-start");
        assertThat(start).isEqualTo(LiveServerTest.at(LiveServerTest.MONDAY.plusDays(1), 9, 0).toString());
        assertThat(slot.getText()).isEqualTo("09:00");
        assertThat(second.findElements(booking(start))).isEmpty();

        slot.click();
        WebElement name = waitFor(first, By.id("customer"));
        new WebDriverWait(first, WAIT).until(ExpectedConditions.visibilityOf(name));
        name.sendKeys("Valentina");
        first.findElement(By.id("book-submit")).click();
        waitFor(first, booking(start));
        assertThat(first.findElement(By.id("message")).getText()).contains("Valentina").contains("CONFIRMED");

        // The other window learns it from the event stream alone.
        WebElement seen = waitFor(second, booking(start));
        assertThat(seen.getAttribute("data-status")).isEqualTo("CONFIRMED");
        assertThat(seen.getText()).contains("Valentina");
        new WebDriverWait(second, WAIT).until(ExpectedConditions.numberOfElementsToBe(slot(start), 0));
        assertThat(loadedAt(second)).as("the second window was not reloaded").isEqualTo(secondLoadedAt);
        screenshot(second, "booked-seen-in-second-window.png");

        // And back: cancelled in the second window, red in the first, the slot free again.
        second.findElement(By.cssSelector(".bk-booking[data-start='" + start + "'] .bk-cancel")).click();
        new WebDriverWait(first, WAIT).until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector(".bk-booking[data-start='" + start + "'][data-status='CANCELLED']")));
        waitFor(first, slot(start));
        assertThat(loadedAt(first)).as("the first window was not reloaded").isEqualTo(firstLoadedAt);
        screenshot(first, "cancelled-seen-in-first-window.png");
    }

    private static By booking(String start) {
        return By.cssSelector(".bk-booking[data-start='" + start + "']");
    }

    private static By slot(String start) {
        return By.cssSelector(".bk-slot[data-start='" + start + "']");
    }

    private static WebElement waitFor(WebDriver browser, By locator) {
        return new WebDriverWait(browser, WAIT).until(ExpectedConditions.presenceOfElementLocated(locator));
    }

    private static Object loadedAt(ChromeDriver browser) {
        Object loadedAt = ((JavascriptExecutor) browser).executeScript("return window.__loadedAt;");
        assertThat(loadedAt).as("the page's load marker").isNotNull();
        return loadedAt;
    }

    private static void screenshot(ChromeDriver browser, String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        Path file = SCREENSHOTS.resolve(name);
        Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), file, StandardCopyOption.REPLACE_EXISTING);
        // Tests may print: where to look.
        System.out.println("Screenshot of the live calendar: " + file.toAbsolutePath());
    }
}
