package io.bookingkit.notify.mail.internal;

import io.bookingkit.error.InvalidRequestException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The link to a booking's page, such as {@code https://shop.example/bookings/{bookingId}}: an
 * absolute {@code http} or {@code https} URL with the placeholders {@code {bookingId}},
 * {@code {tenant}} and {@code {customer}} (the customer id), each percent-encoded as a URL path
 * segment. Immutable. Not API.
 */
public final class LinkPattern {

    /** The placeholders a link pattern may use. */
    public static final Set<String> NAMES = Set.of("bookingId", "tenant", "customer");

    private final String pattern;

    private LinkPattern(String pattern) {
        this.pattern = pattern;
    }

    /**
     * Checks {@code pattern}.
     *
     * @param pattern the pattern
     * @return the pattern, checked
     * @throws InvalidRequestException if it uses an unknown placeholder or does not make an absolute
     *                                 http(s) URL
     */
    public static LinkPattern of(String pattern) {
        String quoted = "'" + Addresses.printable(pattern) + "'";
        for (String name : Placeholders.names(pattern)) {
            if (!NAMES.contains(name)) {
                throw new InvalidRequestException("linkPattern " + quoted + " uses the unknown placeholder {" + name
                        + "}; known: " + new TreeSet<>(NAMES));
            }
        }
        LinkPattern link = new LinkPattern(pattern);
        String sample = link.render(Map.of("bookingId", "b-1", "tenant", "t", "customer", "c"));
        try {
            URI uri = new URI(sample);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!uri.isAbsolute() || !(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null) {
                throw new InvalidRequestException("linkPattern " + quoted
                        + " must give an absolute http or https URL with a host, such as"
                        + " https://shop.example/bookings/{bookingId}");
            }
        } catch (URISyntaxException e) {
            throw new InvalidRequestException("linkPattern " + quoted + " does not give a valid URL: " + e.getMessage(),
                    e);
        }
        return link;
    }

    /**
     * The link for one booking.
     *
     * @param values the value of each of {@link #NAMES}
     * @return the URL
     */
    public String render(Map<String, String> values) {
        return Placeholders.render(pattern, name -> encode(values.get(name)), s -> s);
    }

    /** RFC 3986 path-segment encoding: unreserved characters stay, every other byte is %XX. */
    static String encode(String value) {
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c < 128 && (Character.isLetterOrDigit(c) || c == '-' || c == '.' || c == '_' || c == '~')) {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
            }
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return pattern;
    }
}
