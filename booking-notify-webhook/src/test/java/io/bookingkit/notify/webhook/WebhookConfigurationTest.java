package io.bookingkit.notify.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bookingkit.error.InvalidRequestException;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Bad settings are refused when given, with a message that names the value and the rule. */
class WebhookConfigurationTest {

    private static final String URL = "https://hooks.example.com/bookings";

    static Stream<Arguments> refused() {
        return Stream.of(
                refusal("a null url", b -> b.url(null), "url must not be null"),
                refusal("ftp", b -> b.url("ftp://hooks.example.com/bookings"),
                        "url 'ftp://hooks.example.com/bookings' must be http or https, but its scheme is 'ftp'"),
                refusal("mailto", b -> b.url("mailto:ops@example.com"),
                        "url 'mailto:ops@example.com' must be http or https, but its scheme is 'mailto'"),
                refusal("no scheme", b -> b.url("hooks.example.com/bookings"),
                        "url 'hooks.example.com/bookings' must be an absolute http or https URL"),
                refusal("not a URL", b -> b.url("https://hooks example.com/"),
                        "url 'https://hooks example.com/' is not a valid URL: Illegal character in authority at index 8"),
                refusal("no host", b -> b.url("https:///bookings"), "url 'https:///bookings' has no host"),
                refusal("user info", b -> b.url("https://ops:hunter2@hooks.example.com/bookings"),
                        "url 'https://***@hooks.example.com/bookings' must not carry user info"),
                refusal("a fragment", b -> b.url(URL + "#top"), "url '" + URL + "' must not have a fragment ('#top')"),
                refusal("a URL twice", b -> b.url(URL).url("https://HOOKS.example.com/bookings"),
                        "url 'https://HOOKS.example.com/bookings' is configured twice"),
                refusal("an empty shared secret", b -> b.secret(""), "secret must not be empty or blank"),
                refusal("a blank shared secret", b -> b.secret("  \t"), "secret must not be empty or blank"),
                refusal("a null shared secret", b -> b.secret(null), "secret must not be null"),
                refusal("an empty secret of a URL", b -> b.url(URL, ""),
                        "the secret of url '" + URL + "' must not be empty or blank"),
                refusal("a zero connect timeout", b -> b.connectTimeout(Duration.ZERO),
                        "connectTimeout must be positive, but was PT0S"),
                refusal("a negative connect timeout", b -> b.connectTimeout(Duration.ofSeconds(-1)),
                        "connectTimeout must be positive, but was PT-1S"),
                refusal("a null connect timeout", b -> b.connectTimeout(null), "connectTimeout must not be null"),
                refusal("a zero request timeout", b -> b.requestTimeout(Duration.ZERO),
                        "requestTimeout must be positive, but was PT0S"),
                refusal("a negative request timeout", b -> b.requestTimeout(Duration.ofMillis(-5)),
                        "requestTimeout must be positive, but was PT-0.005S"),
                refusal("a user agent with a line break", b -> b.userAgent("shop/1\r\nX-Evil: 1"),
                        "userAgent must be printable ASCII, not blank and without whitespace at either end, "
                                + "but was \"shop/1\\r\\nX-Evil: 1\""),
                refusal("a blank user agent", b -> b.userAgent(" "), "but was \" \""),
                refusal("a user agent beyond ASCII", b -> b.userAgent("tienda/ñ"), "but was \"tienda/ñ\""),
                refusal("a null user agent", b -> b.userAgent(null), "userAgent must not be null"),
                refusal("a null clock", b -> b.clock(null), "clock must not be null"),
                refusal("no URL", b -> b.secret("s").build(), "At least one url is required"),
                refusal("a URL without a secret", b -> b.url(URL).build(),
                        "url '" + URL + "' has no secret: give it one with url(url, secret), or set a shared secret(...)"));
    }

    private static Arguments refusal(String what, Consumer<WebhookNotifier.Builder> setting, String message) {
        return Arguments.of(what, setting, message);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refused")
    void bad_settings_are_refused_naming_the_value(String what, Consumer<WebhookNotifier.Builder> setting,
                                                   String message) {
        InvalidRequestException refused = assertThrows(InvalidRequestException.class,
                () -> setting.accept(WebhookNotifier.builder()));
        assertTrue(refused.getMessage().startsWith(message) || refused.getMessage().contains(message),
                what + ": " + refused.getMessage());
    }

    @Test
    void a_password_in_a_refused_url_is_not_repeated() {
        InvalidRequestException refused = assertThrows(InvalidRequestException.class,
                () -> WebhookNotifier.builder().url("https://ops:hunter2@hooks.example.com/bookings"));
        assertFalse(refused.getMessage().contains("hunter2"), refused.getMessage());
    }

    @Test
    void good_settings_build_and_show_urls_without_their_query_and_never_a_secret() {
        WebhookNotifier notifier = WebhookNotifier.builder()
                .secret("shared-secret")
                .url(URL)
                .url("HTTP://127.0.0.1:8080/hook?token=abc123", "own-secret")
                .connectTimeout(Duration.ofMillis(1))
                .requestTimeout(Duration.ofDays(1))
                .userAgent("barbershop/2.1 (+https://shop.example)")
                .build();

        assertEquals(List.of(URL, "HTTP://127.0.0.1:8080/hook?…"), notifier.urls());
        String shown = notifier.toString();
        assertFalse(shown.contains("abc123") || shown.contains("secret"), shown);
    }

    @Test
    void the_defaults_are_documented_constants() {
        assertEquals(1, WebhookNotifier.SCHEMA_VERSION);
        assertEquals("Bookingkit-Timestamp", WebhookNotifier.TIMESTAMP_HEADER);
        assertEquals("Bookingkit-Signature", WebhookNotifier.SIGNATURE_HEADER);
        assertEquals("Idempotency-Key", WebhookNotifier.IDEMPOTENCY_KEY_HEADER);
        assertEquals(5, WebhookNotifier.DEFAULT_CONNECT_TIMEOUT_SECONDS);
        assertEquals(10, WebhookNotifier.DEFAULT_REQUEST_TIMEOUT_SECONDS);
    }
}
