package io.bookingkit.policy;

import io.bookingkit.internal.Require;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * One reason a time cannot be booked: a stable {@code code} for programs, its parameters, and a
 * message localized through the {@code io.bookingkit.policy.messages} bundle (English and
 * Argentine Spanish ship; add {@code messages_xx.properties} for more).
 *
 * @param code   stable identifier, such as {@code min-notice}; see README for the list
 * @param params values the message refers to by name, already formatted, in a stable order
 */
public record Violation(String code, Map<String, String> params) {

    private static final String BUNDLE = "io.bookingkit.policy.messages";

    /**
     * Validates and copies the components.
     *
     * @param code   stable identifier, such as {@code min-notice}; see README for the list
     * @param params values the message refers to by name, already formatted, in a stable order
     * @throws io.bookingkit.error.InvalidRequestException if the code is blank
     */
    public Violation {
        Require.notBlank(code, "code");
        Require.nonNull(params, "params");
        // Slot lists make a bare violation for every refused start: keep that allocation-free.
        params = params.isEmpty() ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }

    /**
     * A violation with parameters given as name, value, name, value …
     *
     * @param code           stable identifier, such as {@code min-notice}
     * @param namesAndValues the parameters' names and values, alternating; none for a bare
     *                       violation
     * @return the violation, its parameters in the order given
     * @throws IllegalArgumentException if a name has no value
     */
    public static Violation of(String code, String... namesAndValues) {
        if (namesAndValues.length == 0) {
            return new Violation(code, Map.of());
        }
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("namesAndValues must come in pairs, but " + namesAndValues.length + " were given");
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            params.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return new Violation(code, params);
    }

    /**
     * The parameter {@code name}, or an empty string.
     *
     * @param name the parameter's name
     * @return its value
     */
    public String param(String name) {
        return params.getOrDefault(name, "");
    }

    /**
     * The message in {@code locale}, with its {@code {name}} placeholders filled in. Falls back
     * to English, and to the code itself when no bundle knows it.
     *
     * @param locale the language; a bundle for it, or for its language alone, is used if present
     * @return the message
     */
    public String message(Locale locale) {
        Require.nonNull(locale, "locale");
        String pattern;
        try {
            pattern = bundle(locale).getString(code);
        } catch (MissingResourceException e) {
            pattern = code + " " + params;
        }
        String text = pattern;
        for (Map.Entry<String, String> p : params.entrySet()) {
            text = text.replace("{" + p.getKey() + "}", p.getValue());
        }
        return text;
    }

    /*
     * A named module may not pass a ResourceBundle.Control, so the lookup cannot be told to skip
     * the JVM's default locale; a bundle found only through that fallback is replaced by the
     * base (English) one, so that a message never depends on where the JVM runs.
     */
    private static ResourceBundle bundle(Locale locale) {
        Module module = Violation.class.getModule();
        ResourceBundle bundle = ResourceBundle.getBundle(BUNDLE, locale, module);
        List<Locale> chain = ResourceBundle.Control.getNoFallbackControl(
                ResourceBundle.Control.FORMAT_PROPERTIES).getCandidateLocales(BUNDLE, locale);
        return chain.contains(bundle.getLocale())
                ? bundle
                : ResourceBundle.getBundle(BUNDLE, Locale.ROOT, module);
    }

    /** The code and the English message. */
    @Override
    public String toString() {
        return code + ": " + message(Locale.ENGLISH);
    }
}
