package io.bookingkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bookingkit.booking.Lifecycle;
import io.bookingkit.template.internal.TemplateProperties;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** README documents what the code does: the lifecycle table, every template key, the commands. */
class ReadmeTest {

    private static String readme() throws IOException {
        return Files.readString(Path.of("..", "README.md"));
    }

    @Test
    void printsTheLifecycleTableTheCodeEnforces() throws IOException {
        String text = readme();
        String start = "<!-- lifecycle-table -->\n";
        String end = "<!-- /lifecycle-table -->";
        String table = text.substring(text.indexOf(start) + start.length(), text.indexOf(end));
        assertEquals(Lifecycle.markdown(), table);
    }

    @Test
    void documentsEveryTemplateKey() throws IOException {
        String text = readme();
        for (String key : TemplateProperties.KEYS) {
            assertTrue(text.contains("| `" + key + "` |"), "README's template table lacks the key " + key);
        }
    }

    @Test
    void quickStartsSecondCommandIsWhatCiRuns() throws IOException {
        String text = readme();
        String quickStart = text.substring(text.indexOf("## Quick start"));
        Matcher blocks = Pattern.compile("```bash\n(.*?)\n```", Pattern.DOTALL).matcher(quickStart);
        List<String> commands = new ArrayList<>();
        while (blocks.find() && commands.size() < 2) {
            commands.add(blocks.group(1).trim());
        }
        assertEquals(2, commands.size(), "Quick start must open with two code blocks");
        assertTrue(commands.get(0).contains("exec:java"), "the first block runs the tour: " + commands.get(0));
        String ci = Files.readString(Path.of("..", ".ci", "run"));
        assertTrue(ci.lines().anyMatch(line -> line.trim().equals(commands.get(1))),
                ".ci/run must run README's test command " + commands.get(1));
    }
}
