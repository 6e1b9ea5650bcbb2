package io.bookingkit.template;

import io.bookingkit.error.InvalidRequestException;
import java.util.List;

/**
 * A template file with bad settings. It lists every bad key and why, not just the first, so
 * one edit fixes the file.
 */
public class TemplateLoadException extends InvalidRequestException {

    private static final long serialVersionUID = 1L;

    /** Where the settings came from. */
    private final String source;
    /** Every bad key, in the order {@link #problems()} gives. */
    private final List<Problem> problems;

    /**
     * An exception whose message lists every problem, one a line.
     *
     * @param source   where the settings came from, such as a file or resource name
     * @param problems every bad key with its value and the reason; copied
     */
    public TemplateLoadException(String source, List<Problem> problems) {
        super(message(source, problems));
        this.source = source;
        this.problems = List.copyOf(problems);
    }

    /**
     * Where the settings came from, such as a file or resource name.
     *
     * @return the source's name
     */
    public String source() {
        return source;
    }

    /**
     * Every bad key with its value and the reason: unknown keys first, then the known keys in
     * README order.
     *
     * @return the problems, unmodifiable
     */
    public List<Problem> problems() {
        return problems;
    }

    private static String message(String source, List<Problem> problems) {
        StringBuilder text = new StringBuilder("Template ").append(source).append(" has ")
                .append(problems.size()).append(problems.size() == 1 ? " problem:" : " problems:");
        for (Problem p : problems) {
            text.append("\n  ").append(p.key());
            if (p.value() != null) {
                text.append("=").append(p.value());
            }
            text.append(": ").append(p.reason());
        }
        return text.toString();
    }

    /**
     * One bad setting.
     *
     * @param key    the key, or {@code (template)} for a rule between several keys
     * @param value  the value as written; null when the key is missing
     * @param reason why it was refused
     */
    public record Problem(String key, String value, String reason) {
    }
}
