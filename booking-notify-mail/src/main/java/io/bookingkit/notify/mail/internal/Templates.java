package io.bookingkit.notify.mail.internal;

import io.bookingkit.error.InvalidRequestException;
import io.bookingkit.notify.NotificationKind;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The message templates: one file per notification kind and locale,
 * {@code <location>/<kind>_<locale>.properties} (such as {@code confirmed_es_AR.properties}, the
 * kind in lower case with {@code -} for {@code _}), and one {@code messages_<locale>.properties}
 * per locale with the lines and words the kinds share. Each is looked up for the locale's language
 * and country, then its language, then English, in the application's location first and then the
 * shipped one. Files are read once, checked (every unknown key and placeholder, and every missing
 * key, is reported at once) and kept. Thread-safe. Not API.
 */
public final class Templates {

    /** Where the shipped templates are, on the class path. */
    public static final String SHIPPED = "io/bookingkit/notify/mail/templates";

    /** The values a kind's template may use, each a piece of plain text. */
    static final Set<String> VALUES = Set.of("customer", "sender", "when", "start", "end", "date", "startTime",
            "endTime", "zone", "customerWhen", "customerStart", "customerEnd", "customerDate", "customerStartTime",
            "customerEndTime", "customerZone", "resources", "template", "bookingId", "partySize", "link", "cutoff",
            "expires");
    /** The lines of the messages file a kind's template may use; each is empty when it does not apply. */
    static final Set<String> LINES = Set.of("customerTimes", "cutoffLine", "linkLine");
    private static final Set<String> RANGE = Set.of("date", "startTime", "endTime", "start", "end");
    private static final Set<String> COUNT = Set.of("n");
    private static final Map<String, Set<String>> KIND_KEYS = Map.of("subject", union(VALUES, Set.of()), "text",
            union(VALUES, LINES), "html", union(VALUES, LINES));
    private static final Set<String> KIND_REQUIRED = Set.of("subject", "text");
    private static final Map<String, Set<String>> MESSAGE_KEYS = Map.ofEntries(
            Map.entry("customerTimes", VALUES), Map.entry("cutoffLine", VALUES), Map.entry("linkLine", VALUES),
            Map.entry("range.sameDay", RANGE), Map.entry("range.otherDays", RANGE),
            Map.entry("minute.one", COUNT), Map.entry("minute.other", COUNT),
            Map.entry("hour.one", COUNT), Map.entry("hour.other", COUNT),
            Map.entry("day.one", COUNT), Map.entry("day.other", COUNT),
            Map.entry("join", Set.of()));

    private final ClassLoader loader;
    private final Optional<String> location;
    private final Map<String, Optional<Loaded>> files = new ConcurrentHashMap<>();

    /**
     * Templates looked up in {@code location} first, if given, then in the shipped location.
     *
     * @param loader   the class loader that sees the application's files
     * @param location a folder on the class path, such as {@code mail/templates}, or empty
     */
    public Templates(ClassLoader loader, Optional<String> location) {
        this.loader = loader;
        this.location = location.map(Templates::folder);
    }

    /** A kind's template as read from one file, with the locale of the file ({@code en}, {@code es_AR}). */
    record KindTemplate(String source, Locale locale, String subject, String text, Optional<String> html) {
    }

    /** The shared lines and words of one locale, as read from one file. */
    record Messages(String source, Locale locale, Map<String, String> entries) {
        String get(String key) {
            return entries.get(key);
        }
    }

    /** One file's entries, checked, with the locale its name gives. */
    private record Loaded(String source, Locale locale, Map<String, String> entries) {
    }

    /**
     * The template of {@code kind} for {@code locale}.
     *
     * @throws InvalidRequestException if the file found is not a valid template
     * @throws IllegalStateException   if no file is found, not even the English one
     */
    KindTemplate kind(NotificationKind kind, Locale locale) {
        Loaded file = find(fileName(kind), locale, KIND_KEYS, KIND_REQUIRED);
        Map<String, String> e = file.entries();
        return new KindTemplate(file.source(), file.locale(), e.get("subject"), e.get("text"),
                Optional.ofNullable(e.get("html")));
    }

    /**
     * The messages file for {@code locale}.
     *
     * @throws InvalidRequestException if the file found is not a valid messages file
     */
    Messages messages(Locale locale) {
        Loaded file = find("messages", locale, MESSAGE_KEYS, MESSAGE_KEYS.keySet());
        return new Messages(file.source(), locale, file.entries());
    }

    /**
     * Reads and checks every file {@code locale} leads to, so that a bad file fails at start-up
     * rather than at its first delivery.
     *
     * @param locale the locale to check
     * @throws InvalidRequestException naming the file and every problem in it
     */
    public void check(Locale locale) {
        messages(locale);
        for (NotificationKind kind : NotificationKind.values()) {
            kind(kind, locale);
        }
    }

    /**
     * The candidates for {@code locale}, most specific first: language and country, language,
     * English.
     */
    static List<String> candidates(Locale locale) {
        Set<String> tags = new LinkedHashSet<>();
        String language = locale.getLanguage();
        if (!language.isEmpty()) {
            if (!locale.getCountry().isEmpty()) {
                tags.add(language + "_" + locale.getCountry());
            }
            tags.add(language);
        }
        tags.add("en");
        return List.copyOf(tags);
    }

    /** {@code confirmed}, {@code no-show}, {@code waitlist-offer}. */
    static String fileName(NotificationKind kind) {
        return kind.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private Loaded find(String base, Locale locale, Map<String, Set<String>> keys, Set<String> required) {
        List<String> tried = new ArrayList<>();
        for (String tag : candidates(locale)) {
            for (String folder : folders()) {
                String path = folder + "/" + base + "_" + tag + ".properties";
                tried.add(path);
                Optional<Loaded> file = files.computeIfAbsent(path, p -> read(p, tag, keys, required));
                if (file.isPresent()) {
                    return file.get();
                }
            }
        }
        throw new IllegalStateException("No mail template " + base + " for locale " + locale.toLanguageTag()
                + " on the class path; looked for " + tried);
    }

    private List<String> folders() {
        return location.isPresent() ? List.of(location.get(), SHIPPED) : List.of(SHIPPED);
    }

    private Optional<Loaded> read(String path, String tag, Map<String, Set<String>> keys, Set<String> required) {
        try (InputStream in = open(path)) {
            if (in == null) {
                return Optional.empty();
            }
            Properties properties = new Properties();
            try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                properties.load(reader);
            }
            Map<String, String> entries = new TreeMap<>();
            properties.stringPropertyNames().forEach(k -> entries.put(k, properties.getProperty(k)));
            return Optional.of(new Loaded(path, Locale.forLanguageTag(tag.replace('_', '-')),
                    check(path, entries, keys, required)));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read mail template " + path, e);
        }
    }

    /** The file from the application's class loader, or else from this module. */
    private InputStream open(String path) {
        InputStream in = loader == null ? null : loader.getResourceAsStream(path);
        if (in == null && path.startsWith(SHIPPED + "/")) {
            // In a named module the shipped files are this module's own resources, which a class
            // loader does not hand out; the module's own classes may read them.
            in = Templates.class.getResourceAsStream("/" + path);
        }
        return in;
    }

    private static Map<String, String> check(String path, Map<String, String> entries, Map<String, Set<String>> keys,
            Set<String> required) {
        List<String> problems = new ArrayList<>();
        for (String key : new TreeSet<>(required)) {
            if (!entries.containsKey(key) || entries.get(key).isBlank()) {
                problems.add(key + " is missing");
            }
        }
        entries.forEach((key, value) -> {
            Set<String> allowed = keys.get(key);
            if (allowed == null) {
                problems.add(key + " is not a key of this file (expected " + new TreeSet<>(keys.keySet()) + ")");
                return;
            }
            for (String name : Placeholders.names(value)) {
                if (!allowed.contains(name)) {
                    problems.add(key + " uses the unknown placeholder {" + name + "} (known: " + new TreeSet<>(allowed)
                            + ")");
                }
            }
            if (key.equals("subject") && value.chars().anyMatch(Character::isISOControl)) {
                problems.add("subject must be one line");
            }
        });
        if (!problems.isEmpty()) {
            throw new InvalidRequestException("Mail template " + path + " is not valid: " + String.join("; ", problems));
        }
        return Map.copyOf(entries);
    }

    private static String folder(String location) {
        String f = location.strip();
        while (f.startsWith("/")) {
            f = f.substring(1);
        }
        while (f.endsWith("/")) {
            f = f.substring(0, f.length() - 1);
        }
        return f;
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new TreeSet<>(a);
        all.addAll(b);
        return Set.copyOf(all);
    }
}
