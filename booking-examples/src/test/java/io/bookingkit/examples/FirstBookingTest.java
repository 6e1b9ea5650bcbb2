package io.bookingkit.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** README's first booking is this module's {@code FirstBooking}, word for word, and it runs. */
class FirstBookingTest {

    private static final Path SOURCE = Path.of("src", "main", "java", "io", "bookingkit", "examples", "FirstBooking.java");

    @Test
    void booksAndCancelsOnH2() {
        String out = StandardOutput.of(() -> FirstBooking.main(new String[0]));
        // Half an hour, at 10:00 in Madrid two days from now: 09:00 or 08:00 UTC, by the season.
        assertTrue(Pattern.compile("(?m)^Booked \\d{4}-\\d\\d-\\d\\dT0[89]:00:00Z/\\d{4}-\\d\\d-\\d\\dT0[89]:30:00Z: CONFIRMED$")
                .matcher(out).find(), "FirstBooking should book, but printed:\n" + out);
        assertTrue(out.lines().anyMatch(line -> line.equals("Cancelled: CANCELLED")),
                "FirstBooking should cancel, but printed:\n" + out);
    }

    @Test
    void readmeShowsExactlyThisSourceInAJavaBlock() throws IOException {
        String source = Files.readString(SOURCE);
        String readme = Files.readString(Path.of("..", "README.md"));
        assertTrue(readme.contains("```java\n" + source + "```\n"),
                "README's \"Your first booking\" should show " + SOURCE + " exactly, in a ```java block");
        int start = readme.indexOf("\n## Your first booking\n");
        int end = readme.indexOf("\n## ", start + 1);
        int quickStart = readme.indexOf("\n## Quick start\n");
        assertTrue(start >= 0 && quickStart >= 0 && readme.indexOf("\n## ", quickStart + 1) == start && end > start,
                "README should have a section \"Your first booking\" right after \"Quick start\"");
        String section = readme.substring(start, end);
        assertTrue(section.contains(source), "the source should be in the section \"Your first booking\"");
    }

    @Test
    void isUnderThirtyLines() throws IOException {
        long lines = Files.readAllLines(SOURCE).size();
        assertTrue(lines < 30, "README promises a first booking in under 30 lines; FirstBooking.java has " + lines);
    }
}
