package io.bookingkit.notify.mail.internal;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one {@code {placeholder}} substitution of the module: templates, lines, duration words and
 * the link pattern all go through here. A placeholder is a name of letters and digits, starting
 * with a letter, in braces; any other brace is text (so CSS in an HTML template needs no escaping).
 * Not API.
 */
final class Placeholders {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z][A-Za-z0-9]*)}");

    private Placeholders() {
    }

    /** The names {@code template} uses, in order of first use. */
    static Set<String> names(String template) {
        Set<String> names = new LinkedHashSet<>();
        Matcher m = PLACEHOLDER.matcher(template);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /**
     * {@code template} with every placeholder replaced by {@code value.apply(name)} and the text
     * between them passed through {@code literal}. The replacement is final: a value that itself
     * looks like a placeholder stays as it is.
     *
     * @param template the template, whose names were checked when it was loaded
     * @param value    the replacement of each name, already encoded for the output
     * @param literal  how the template's own text is encoded for the output
     */
    static String render(String template, Function<String, String> value, UnaryOperator<String> literal) {
        StringBuilder out = new StringBuilder(template.length() + 64);
        Matcher m = PLACEHOLDER.matcher(template);
        int last = 0;
        while (m.find()) {
            out.append(literal.apply(template.substring(last, m.start())));
            out.append(value.apply(m.group(1)));
            last = m.end();
        }
        return out.append(literal.apply(template.substring(last))).toString();
    }
}
