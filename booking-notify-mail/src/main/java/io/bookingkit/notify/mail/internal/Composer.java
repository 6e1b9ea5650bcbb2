package io.bookingkit.notify.mail.internal;

import io.bookingkit.booking.Booking;
import io.bookingkit.notify.mail.Recipient;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Writes a message's subject, plain text and HTML from its {@link Facts} and the templates of its
 * locale. Values are plain text; in HTML every one of them is escaped (a name such as
 * {@code <script>} stays text), in the plain part none is; control characters in a value become
 * spaces in both, so no value can start a line or break a header. Thread-safe. Not API.
 */
public final class Composer {

    private final Templates templates;

    /**
     * A composer over {@code templates}.
     *
     * @param templates where the templates come from
     */
    public Composer(Templates templates) {
        this.templates = templates;
    }

    /**
     * The three parts of one message.
     *
     * @param subject the subject line
     * @param text    the plain text part
     * @param html    the HTML part, a whole document
     * @param locale  the language it is written in: the notification's, or the template's when
     *                none of the notification's language was found (English)
     * @param source  the template file it was written from
     */
    public record Composed(String subject, String text, String html, Locale locale, String source) {
    }

    /**
     * Writes the message for {@code facts}.
     *
     * @param facts what the message says
     * @return its parts
     */
    public Composed compose(Facts facts) {
        Locale requested = facts.notification().locale();
        Templates.KindTemplate template = templates.kind(facts.notification().kind(), requested);
        // A message falls back to English as a whole: its dates and lines too, not only its text.
        Locale locale = template.locale().getLanguage().equals(requested.getLanguage()) ? requested : template.locale();
        Templates.Messages messages = templates.messages(locale);
        Values values = values(facts, locale, messages);
        String subject = Text.singleLine(values.render(template.subject(), Mode.TEXT)).strip();
        String text = tidy(values.render(template.text(), Mode.TEXT));
        String html = template.html().map(h -> values.render(h, Mode.HTML))
                .orElseGet(() -> page(locale, subject, template.text(), values));
        return new Composed(subject, text, html, locale, template.source());
    }

    /** How template text and values are written. */
    private enum Mode {
        /** The plain part: nothing is escaped. */
        TEXT,
        /** An HTML template: its own text is markup, values are escaped. */
        HTML,
        /** Plain-text template written as HTML: its text and the values are escaped, lines break. */
        HTML_FROM_TEXT
    }

    /** The values and lines of one message. */
    private record Values(Map<String, String> plain, Map<String, String> lines) {

        String render(String template, Mode mode) {
            Function<String, String> value = name -> {
                if (Templates.LINES.contains(name)) {
                    String line = lines.get(name);
                    // Lines in HTML are plain text of the messages file, written as HTML.
                    return line == null ? "" : render(line, mode == Mode.TEXT ? Mode.TEXT : Mode.HTML_FROM_TEXT);
                }
                String v = Text.singleLine(plain.getOrDefault(name, ""));
                if (mode == Mode.TEXT) {
                    return v;
                }
                if (mode == Mode.HTML_FROM_TEXT && name.equals("link") && !v.isEmpty()) {
                    return "<a href=\"" + Text.html(v) + "\">" + Text.html(v) + "</a>";
                }
                return Text.html(v);
            };
            return Placeholders.render(template, value, switch (mode) {
                case TEXT, HTML -> s -> s;
                case HTML_FROM_TEXT -> s -> Text.html(s).replace("\r\n", "\n").replace("\n", "<br>\n");
            });
        }
    }

    private static Values values(Facts facts, Locale locale, Templates.Messages messages) {
        Booking booking = facts.notification().booking();
        Recipient recipient = facts.recipient();
        Map<String, String> plain = new HashMap<>();
        Map<String, String> lines = new HashMap<>();
        Instant start = booking.interval().getStart();
        Instant end = booking.interval().getEnd();
        ZoneId zone = facts.zone();
        ZoneId customerZone = recipient.zone().orElse(zone);

        plain.put("customer", recipient.displayName());
        plain.put("sender", facts.sender());
        times(plain, "", start, end, zone, locale, messages);
        times(plain, "customer", start, end, customerZone, locale, messages);
        plain.put("resources", String.join(", ", facts.resourceNames()));
        plain.put("template", booking.templateName());
        plain.put("bookingId", booking.id());
        plain.put("partySize", String.valueOf(booking.partySize()));
        plain.put("link", facts.link().orElse(""));
        plain.put("cutoff", facts.cutoff().map(c -> DurationWords.of(c, messages)).orElse(""));
        plain.put("expires", booking.expiresAt().map(e -> dateTime(locale).format(e.atZone(zone))).orElse(""));

        boolean otherTimes = recipient.zone().isPresent()
                && (!start.atZone(zone).toLocalDateTime().equals(start.atZone(customerZone).toLocalDateTime())
                || !end.atZone(zone).toLocalDateTime().equals(end.atZone(customerZone).toLocalDateTime()));
        if (otherTimes) {
            lines.put("customerTimes", messages.get("customerTimes"));
        }
        if (facts.cutoff().isPresent() && facts.cutoff().get().compareTo(Duration.ZERO) > 0) {
            lines.put("cutoffLine", messages.get("cutoffLine"));
        }
        if (facts.link().isPresent()) {
            lines.put("linkLine", messages.get("linkLine"));
        }
        return new Values(Map.copyOf(plain), Map.copyOf(lines));
    }

    /**
     * {@code start}, {@code end}, {@code date}, {@code startTime}, {@code endTime}, {@code zone} and
     * {@code when} in {@code zone}, under names with {@code prefix} ({@code customerStart}, …).
     */
    private static void times(Map<String, String> plain, String prefix, Instant startInstant, Instant endInstant,
            ZoneId zone, Locale locale, Templates.Messages messages) {
        ZonedDateTime start = startInstant.atZone(zone);
        ZonedDateTime end = endInstant.atZone(zone);
        Map<String, String> range = new HashMap<>();
        range.put("start", dateTime(locale).format(start));
        range.put("end", dateTime(locale).format(end));
        range.put("date", DateTimeFormatter.ofLocalizedDate(FormatStyle.FULL).withLocale(locale).format(start));
        range.put("startTime", time(locale).format(start));
        range.put("endTime", time(locale).format(end));
        String pattern = messages.get(start.toLocalDate().equals(end.toLocalDate()) ? "range.sameDay" : "range.otherDays");
        range.forEach((name, value) -> plain.put(named(prefix, name), value));
        plain.put(named(prefix, "zone"), zone.getDisplayName(TextStyle.FULL, locale));
        plain.put(named(prefix, "when"), Placeholders.render(pattern, range::get, s -> s));
    }

    private static String named(String prefix, String name) {
        return prefix.isEmpty() ? name : prefix + Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }

    private static DateTimeFormatter dateTime(Locale locale) {
        return DateTimeFormatter.ofLocalizedDateTime(FormatStyle.FULL, FormatStyle.SHORT).withLocale(locale);
    }

    private static DateTimeFormatter time(Locale locale) {
        return DateTimeFormatter.ofLocalizedTime(FormatStyle.SHORT).withLocale(locale);
    }

    /**
     * The plain text with the blank lines that empty lines leave behind taken out: no blank line at
     * the start or end, never two in a row.
     */
    static String tidy(String text) {
        String[] rows = text.replace("\r\n", "\n").split("\n", -1);
        StringBuilder out = new StringBuilder();
        boolean blank = false;
        for (String row : rows) {
            String r = row.stripTrailing();
            if (r.isEmpty()) {
                blank = out.length() > 0;
                continue;
            }
            if (blank) {
                out.append('\n');
                blank = false;
            }
            out.append(r).append('\n');
        }
        return out.toString();
    }

    /**
     * The HTML part of a template without one: each paragraph of its text (separated by blank
     * lines) a {@code <p>}, line breaks kept, the link clickable; paragraphs that come out empty
     * are left out.
     */
    private static String page(Locale locale, String subject, String text, Values values) {
        List<String> paragraphs = new ArrayList<>();
        for (String paragraph : text.replace("\r\n", "\n").split("\n\\s*\n")) {
            String html = values.render(paragraph.strip(), Mode.HTML_FROM_TEXT).strip();
            while (html.endsWith("<br>")) {
                html = html.substring(0, html.length() - 4).strip();
            }
            if (!html.isEmpty()) {
                paragraphs.add("<p>" + html + "</p>");
            }
        }
        return "<!DOCTYPE html>\n<html lang=\"" + Text.html(locale.toLanguageTag()) + "\">\n<head>\n"
                + "<meta charset=\"UTF-8\">\n<title>" + Text.html(subject) + "</title>\n</head>\n"
                + "<body style=\"font-family: sans-serif; line-height: 1.5;\">\n" + String.join("\n", paragraphs)
                + "\n</body>\n</html>\n";
    }

}
