package io.bookingkit.notify.webhook;

import io.bookingkit.error.InvalidRequestException;
import io.bookingkit.notify.Notification;
import io.bookingkit.notify.NotificationPort;
import io.bookingkit.notify.UndeliverableException;
import io.bookingkit.notify.webhook.internal.Endpoint;
import io.bookingkit.notify.webhook.internal.HeaderValues;
import io.bookingkit.notify.webhook.internal.NotificationJson;
import io.bookingkit.notify.webhook.internal.WebhookClient;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link NotificationPort} that POSTs each notification as JSON to one or more URLs, signed with
 * HMAC-SHA256, over the JDK's {@link java.net.http.HttpClient}.
 *
 * <pre>{@code
 * NotificationPort webhooks = WebhookNotifier.builder()
 *         .secret(System.getenv("BOOKINGKIT_WEBHOOK_SECRET"))     // for URLs without their own
 *         .url("https://hooks.example.com/bookings")
 *         .url("https://crm.example.com/hook", System.getenv("CRM_WEBHOOK_SECRET"))
 *         .build();
 * BookingEngine engine = BookingEngine.builder().store(store).clock(clock).templates(templates)
 *         .notifications(webhooks)
 *         .build();
 * }</pre>
 *
 * <h2>The request</h2>
 *
 * <p>{@code POST} to each URL, HTTP/1.1, redirects not followed, with these headers:
 *
 * <table class="striped">
 * <caption>Headers</caption>
 * <thead><tr><th scope="col">header</th><th scope="col">value</th></tr></thead>
 * <tbody>
 * <tr><th scope="row">{@code Content-Type}</th><td>{@code application/json} (the body is UTF-8)</td></tr>
 * <tr><th scope="row">{@code Bookingkit-Timestamp}</th><td>when this attempt was signed, in whole
 *     seconds since 1970-01-01T00:00:00Z, as decimal digits</td></tr>
 * <tr><th scope="row">{@code Bookingkit-Signature}</th><td>{@code v1=} and 64 lower-case hex
 *     digits: HMAC-SHA256 with the URL's secret (its UTF-8 bytes) as the key, over the timestamp
 *     header's value, a full stop ({@code .}), and the body's bytes exactly as sent</td></tr>
 * <tr><th scope="row">{@code Idempotency-Key}</th><td>the notification's {@code dedupeKey}: the
 *     same on every attempt to deliver this notification. A key holding {@code %}, a space or a
 *     character outside printable ASCII is sent percent-encoded as UTF-8; the body's
 *     {@code dedupeKey} is always the key as it is</td></tr>
 * <tr><th scope="row">{@code User-Agent}</th><td>{@value #DEFAULT_USER_AGENT} unless
 *     {@link Builder#userAgent configured}</td></tr>
 * </tbody>
 * </table>
 *
 * <h2>The body: schema 1</h2>
 *
 * <pre>{@code
 * {
 *   "schema": 1,
 *   "kind": "CONFIRMED",
 *   "dedupeKey": "b-42:CONFIRMED:v2",
 *   "recipient": "ana",
 *   "locale": "es-AR",
 *   "booking": {
 *     "id": "b-42",
 *     "tenant": "shop",
 *     "template": "cut",
 *     "resources": ["chair-1"],
 *     "start": "2026-03-02T15:00:00Z",
 *     "end": "2026-03-02T15:30:00Z",
 *     "status": "CONFIRMED",
 *     "version": 2
 *   },
 *   "calendar": {
 *     "fileName": "booking-b-42.ics",
 *     "mediaType": "text/calendar; charset=UTF-8; method=REQUEST",
 *     "text": "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n..."
 *   }
 * }
 * }</pre>
 *
 * <table class="striped">
 * <caption>Fields</caption>
 * <thead><tr><th scope="col">field</th><th scope="col">type</th><th scope="col">what</th></tr></thead>
 * <tbody>
 * <tr><th scope="row">{@code schema}</th><td>number</td><td>{@value #SCHEMA_VERSION}: the version of
 *     this shape. New fields may be added under the same version (ignore those you do not know);
 *     a field removed, renamed or changed in meaning comes with a new version</td></tr>
 * <tr><th scope="row">{@code kind}</th><td>string</td><td>a {@link io.bookingkit.notify.NotificationKind}
 *     name: {@code REQUESTED}, {@code HELD}, {@code CONFIRMED}, {@code DECLINED}, {@code CANCELLED},
 *     {@code RESCHEDULED}, {@code STARTED}, {@code COMPLETED}, {@code NO_SHOW}, {@code EXPIRED},
 *     {@code REMINDER}, {@code WAITLIST_OFFER}</td></tr>
 * <tr><th scope="row">{@code dedupeKey}</th><td>string</td><td>the same on every delivery of this
 *     notification (delivery is at least once): drop a notification whose key you have seen</td></tr>
 * <tr><th scope="row">{@code recipient}</th><td>string</td><td>the customer id</td></tr>
 * <tr><th scope="row">{@code channel}</th><td>string, optional</td><td>for reminders, the template's
 *     channel ({@code email}, {@code sms}, ...); absent when the notification leaves the channel to
 *     the receiver</td></tr>
 * <tr><th scope="row">{@code locale}</th><td>string</td><td>the language to write in, a BCP 47 tag
 *     such as {@code en-US}</td></tr>
 * <tr><th scope="row">{@code booking.id}, {@code .tenant}, {@code .template}</th><td>string</td><td>the
 *     booking's id, its tenant, its service template's name</td></tr>
 * <tr><th scope="row">{@code booking.resources}</th><td>array of strings</td><td>the resource ids,
 *     at least one</td></tr>
 * <tr><th scope="row">{@code booking.start}, {@code .end}</th><td>string</td><td>the customer's
 *     half-open time {@code [start, end)}, ISO-8601 instants in UTC as {@link java.time.Instant#toString()}
 *     writes them ({@code 2026-03-02T15:00:00Z}; a fraction of a second only when there is one)</td></tr>
 * <tr><th scope="row">{@code booking.status}</th><td>string</td><td>a {@link io.bookingkit.booking.BookingStatus}
 *     name, as the booking is when the notification is delivered (a retried {@code CONFIRMED} may
 *     arrive about a booking that is {@code CANCELLED} by then)</td></tr>
 * <tr><th scope="row">{@code booking.version}</th><td>number</td><td>goes up by one with every stored
 *     change of the booking</td></tr>
 * <tr><th scope="row">{@code calendar}</th><td>object, optional</td><td>for the kinds that carry one
 *     ({@link io.bookingkit.notify.CalendarAttachment#methodFor}), the booking as an iCalendar file:
 *     {@code fileName}, {@code mediaType} (with the {@code method}, {@code REQUEST} or
 *     {@code CANCEL}) and the RFC 5545 {@code text}</td></tr>
 * </tbody>
 * </table>
 *
 * <p>No field is ever {@code null}: an absent optional value leaves its field out. Instants are
 * never numbers.
 *
 * <h2>Verifying a request</h2>
 *
 * <ol>
 * <li>Take the body as raw bytes, before any JSON parsing (re-serialized JSON does not match).</li>
 * <li>Read {@code Bookingkit-Timestamp}; refuse the request when it is not decimal digits, or more
 *     than a few minutes (five, say) from your clock: an old signed request replayed by someone who
 *     recorded it must not be taken. Every attempt, retries too, is signed anew when it is sent, so
 *     a late retry still carries a fresh timestamp.</li>
 * <li>Compute HMAC-SHA256 with your secret over the timestamp header's value exactly as received,
 *     then {@code .}, then the body bytes; hex-encode it in lower case and prefix {@code v1=}.</li>
 * <li>Compare it with {@code Bookingkit-Signature} in constant time
 *     ({@link java.security.MessageDigest#isEqual}); refuse the request when they differ.</li>
 * <li>Drop a notification whose {@code Idempotency-Key} you have already processed, answering
 *     2xx; otherwise store it and answer 2xx quickly, before any slow work.</li>
 * </ol>
 *
 * <pre>{@code
 * static boolean verified(byte[] secret, String timestamp, String signature, byte[] body, Instant now)
 *         throws GeneralSecurityException {
 *     if (timestamp == null || signature == null || !timestamp.matches("[0-9]{1,12}")) {
 *         return false;
 *     }
 *     if (Math.abs(now.getEpochSecond() - Long.parseLong(timestamp)) > 300) {
 *         return false;                                   // too old, or from a clock far ahead
 *     }
 *     Mac mac = Mac.getInstance("HmacSHA256");
 *     mac.init(new SecretKeySpec(secret, "HmacSHA256"));
 *     mac.update((timestamp + ".").getBytes(StandardCharsets.US_ASCII));
 *     String expected = "v1=" + HexFormat.of().formatHex(mac.doFinal(body));
 *     return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
 *             signature.getBytes(StandardCharsets.US_ASCII));
 * }
 * }</pre>
 *
 * <h2>Outcomes</h2>
 *
 * <p>A response with a 2xx status delivers. A 408, a 429, a 5xx (or a status below 200 or above
 * 599), no complete response within the request timeout, and a connection that fails make
 * {@link #send} throw a {@link WebhookDeliveryException}: the {@link io.bookingkit.OutboxDispatcher}
 * tries again later with backoff, with the same {@code Idempotency-Key}, and parks the message
 * after its last attempt ({@code Retry-After} is not read: the dispatcher's backoff decides). With
 * the dispatcher's defaults (5 seconds, doubled after each failure, 8 attempts) the eighth failure
 * comes about 10.5 minutes after the first; for receivers that may be down longer, give the engine
 * a dispatcher with more attempts ({@link io.bookingkit.BookingEngine.Builder#dispatcher}). Any
 * other 4xx, and a 3xx (a redirect is a URL to correct), make it throw an
 * {@link UndeliverableException}, and the dispatcher parks the message at once; the booking stays
 * as it is.
 *
 * <p><b>Several URLs.</b> Every attempt POSTs to every URL, at the same time, and waits for all of
 * them. The notification is delivered when every URL answered 2xx. When any URL failed in a way
 * that may pass, the attempt throws for a retry, and the next attempt POSTs to every URL again,
 * those that took it included: receivers drop the repeat by its {@code Idempotency-Key}. When the
 * only failures are refusals, the message is parked (the URLs that answered 2xx have it). So a
 * receiver that is down delays the others' repeats but never costs them a notification, and one
 * that refuses a notification for good parks it once the others have it.
 *
 * <p><b>Timeouts.</b> The connect timeout ({@value #DEFAULT_CONNECT_TIMEOUT_SECONDS} seconds by
 * default) bounds establishing a connection; the request timeout
 * ({@value #DEFAULT_REQUEST_TIMEOUT_SECONDS} seconds by default) bounds the whole exchange, from
 * sending to the end of the response (of which at most 1 KiB is read, to quote in messages). As the
 * URLs are tried at once, one {@link #send} takes at most the request timeout. The dispatcher
 * delivers a claimed batch one message after another within its lease (one minute by default), so
 * keep {@code batchSize × requestTimeout} below the lease, or a batch that meets a receiver that
 * never answers outlasts its claim and another node may deliver its rest again (receivers drop the
 * repeats all the same).
 *
 * <p>Thread-safe and immutable: any number of dispatchers may call {@link #send} at once. Logs
 * (SLF4J, under this class's name) each URL's outcome at DEBUG; the dispatcher logs failures. URLs
 * appear in logs and messages without their query ({@code ?…}), secrets never.
 */
public final class WebhookNotifier implements NotificationPort {

    /** The {@code schema} field's value: the version of the JSON's shape. */
    public static final int SCHEMA_VERSION = NotificationJson.SCHEMA;
    /** The header with the attempt's time in epoch seconds. */
    public static final String TIMESTAMP_HEADER = "Bookingkit-Timestamp";
    /** The header with the signature, {@code v1=<hex>}. */
    public static final String SIGNATURE_HEADER = "Bookingkit-Signature";
    /** The header with the notification's dedupe key. */
    public static final String IDEMPOTENCY_KEY_HEADER = "Idempotency-Key";
    /** The {@code User-Agent} unless configured. */
    public static final String DEFAULT_USER_AGENT = "bookingkit-webhook/1";
    /** The connect timeout unless configured, in seconds. */
    public static final int DEFAULT_CONNECT_TIMEOUT_SECONDS = 5;
    /** The request timeout unless configured, in seconds. */
    public static final int DEFAULT_REQUEST_TIMEOUT_SECONDS = 10;

    private final WebhookClient client;
    private final List<String> urls;

    private WebhookNotifier(WebhookClient client, List<String> urls) {
        this.client = client;
        this.urls = urls;
    }

    /**
     * Settings of a notifier, with the default timeouts and user agent, and no URL yet.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * POSTs {@code notification} to every URL, and returns when all of them answered 2xx.
     *
     * @param notification what to send
     * @throws WebhookDeliveryException if a URL answered 408, 429 or 5xx, timed out, or could not be
     *                                  reached: the dispatcher retries it later
     * @throws UndeliverableException   if no URL failed so, but one answered another 4xx or a
     *                                  redirect: the dispatcher parks it
     */
    @Override
    public void send(Notification notification) {
        Objects.requireNonNull(notification, "notification");
        client.send(notification);
    }

    /**
     * The URLs notifications go to, in the order configured, as logs show them (without a query).
     *
     * @return the URLs
     */
    public List<String> urls() {
        return urls;
    }

    @Override
    public String toString() {
        return "WebhookNotifier" + urls;
    }

    /** Settings of a {@link WebhookNotifier}. Not thread-safe; the notifier it builds is. */
    public static final class Builder {

        private final Map<URI, Optional<String>> urls = new LinkedHashMap<>();
        private String secret;
        private Duration connectTimeout = Duration.ofSeconds(DEFAULT_CONNECT_TIMEOUT_SECONDS);
        private Duration requestTimeout = Duration.ofSeconds(DEFAULT_REQUEST_TIMEOUT_SECONDS);
        private String userAgent = DEFAULT_USER_AGENT;
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /**
         * Adds a URL whose requests are signed with the shared {@link #secret}.
         *
         * @param url an absolute {@code http} or {@code https} URL with a host, without user info
         *            and without a fragment; not configured before
         * @return this builder
         * @throws InvalidRequestException if {@code url} is null, not such a URL, or added twice
         */
        public Builder url(String url) {
            add(parse(url), Optional.empty());
            return this;
        }

        /**
         * Adds a URL whose requests are signed with a secret of its own.
         *
         * @param url    an absolute {@code http} or {@code https} URL with a host, without user info
         *               and without a fragment; not configured before
         * @param secret the URL's secret, not empty or blank; the receiver verifies with the same
         * @return this builder
         * @throws InvalidRequestException if {@code url} is null, not such a URL, or added twice, or
         *                                 {@code secret} is null, empty or blank
         */
        public Builder url(String url, String secret) {
            URI uri = parse(url);
            add(uri, Optional.of(requireSecret(secret, "the secret of url '" + Endpoint.display(uri) + "'")));
            return this;
        }

        /**
         * The secret of every URL added without one of its own.
         *
         * @param secret not empty or blank; use a long random value (32 bytes, say), kept out of the
         *               code
         * @return this builder
         * @throws InvalidRequestException if {@code secret} is null, empty or blank
         */
        public Builder secret(String secret) {
            this.secret = requireSecret(secret, "secret");
            return this;
        }

        /**
         * How long establishing a connection may take; {@value WebhookNotifier#DEFAULT_CONNECT_TIMEOUT_SECONDS}
         * seconds by default.
         *
         * @param connectTimeout positive
         * @return this builder
         * @throws InvalidRequestException if {@code connectTimeout} is null, zero or negative
         */
        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = requirePositive(connectTimeout, "connectTimeout");
            return this;
        }

        /**
         * How long the whole exchange with one URL may take, connecting included, until the end of
         * the response; {@value WebhookNotifier#DEFAULT_REQUEST_TIMEOUT_SECONDS} seconds by default. A URL that
         * takes longer counts as failed, and the notification is retried.
         *
         * @param requestTimeout positive
         * @return this builder
         * @throws InvalidRequestException if {@code requestTimeout} is null, zero or negative
         */
        public Builder requestTimeout(Duration requestTimeout) {
            this.requestTimeout = requirePositive(requestTimeout, "requestTimeout");
            return this;
        }

        /**
         * The {@code User-Agent} header; {@value WebhookNotifier#DEFAULT_USER_AGENT} by default.
         *
         * @param userAgent printable ASCII (spaces inside allowed), not blank
         * @return this builder
         * @throws InvalidRequestException if {@code userAgent} is null, blank, starts or ends with
         *                                 whitespace, or holds a control character (a line break)
         *                                 or a character outside ASCII
         */
        public Builder userAgent(String userAgent) {
            if (userAgent == null) {
                throw new InvalidRequestException("userAgent must not be null");
            }
            if (!HeaderValues.isPrintableAscii(userAgent)) {
                throw new InvalidRequestException("userAgent must be printable ASCII, not blank and without "
                        + "whitespace at either end, but was \"" + escape(userAgent) + "\"");
            }
            this.userAgent = userAgent;
            return this;
        }

        /**
         * Where the {@code Bookingkit-Timestamp} comes from; the system clock by default. Receivers
         * compare it with their own clock, so this is for tests: the engine's clock may be far from
         * the receiver's.
         *
         * @param clock the clock
         * @return this builder
         * @throws InvalidRequestException if {@code clock} is null
         */
        public Builder clock(Clock clock) {
            if (clock == null) {
                throw new InvalidRequestException("clock must not be null");
            }
            this.clock = clock;
            return this;
        }

        /**
         * Builds the notifier, and its HTTP client.
         *
         * @return a new notifier
         * @throws InvalidRequestException if no URL was added, or a URL has no secret of its own
         *                                 and no shared {@link #secret} was set
         */
        public WebhookNotifier build() {
            if (urls.isEmpty()) {
                throw new InvalidRequestException("At least one url is required: add one with url(...)");
            }
            List<Endpoint> endpoints = new ArrayList<>(urls.size());
            List<String> shown = new ArrayList<>(urls.size());
            for (Map.Entry<URI, Optional<String>> url : urls.entrySet()) {
                String key = url.getValue().orElse(secret);
                if (key == null) {
                    throw new InvalidRequestException("url '" + Endpoint.display(url.getKey()) + "' has no secret: "
                            + "give it one with url(url, secret), or set a shared secret(...)");
                }
                Endpoint endpoint = new Endpoint(url.getKey(), key);
                endpoints.add(endpoint);
                shown.add(endpoint.display());
            }
            return new WebhookNotifier(new WebhookClient(endpoints, connectTimeout, requestTimeout, userAgent, clock),
                    List.copyOf(shown));
        }

        private void add(URI uri, Optional<String> ownSecret) {
            if (urls.containsKey(uri)) {
                throw new InvalidRequestException("url '" + Endpoint.display(uri) + "' is configured twice");
            }
            urls.put(uri, ownSecret);
        }

        private static URI parse(String url) {
            if (url == null) {
                throw new InvalidRequestException("url must not be null");
            }
            URI uri;
            try {
                uri = new URI(url.strip());
            } catch (URISyntaxException e) {
                throw new InvalidRequestException("url '" + escape(url) + "' is not a valid URL: " + e.getReason()
                        + " at index " + e.getIndex(), e);
            }
            String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
            if (scheme == null) {
                throw new InvalidRequestException("url '" + escape(url) + "' must be an absolute http or https URL");
            }
            if (!scheme.equals("http") && !scheme.equals("https")) {
                throw new InvalidRequestException("url '" + Endpoint.display(uri) + "' must be http or https, "
                        + "but its scheme is '" + uri.getScheme() + "'");
            }
            if (uri.getRawUserInfo() != null) {
                throw new InvalidRequestException("url '" + Endpoint.display(uri) + "' must not carry user info "
                        + "(a password in a URL ends up in logs): receivers authenticate requests by their signature");
            }
            if (uri.getHost() == null) {
                throw new InvalidRequestException("url '" + escape(url) + "' has no host");
            }
            if (uri.getRawFragment() != null) {
                throw new InvalidRequestException("url '" + Endpoint.display(uri) + "' must not have a fragment ('#"
                        + escape(uri.getRawFragment()) + "'): it is never sent");
            }
            return uri.normalize();
        }

        private static String requireSecret(String secret, String name) {
            if (secret == null) {
                throw new InvalidRequestException(name + " must not be null");
            }
            if (secret.isBlank()) {
                throw new InvalidRequestException(name + " must not be empty or blank");
            }
            return secret;
        }

        private static Duration requirePositive(Duration duration, String name) {
            if (duration == null) {
                throw new InvalidRequestException(name + " must not be null");
            }
            if (duration.isZero() || duration.isNegative()) {
                throw new InvalidRequestException(name + " must be positive, but was " + duration);
            }
            return duration;
        }

        /** {@code value} with control characters written as escapes, for a message on one line. */
        private static String escape(String value) {
            StringBuilder escaped = new StringBuilder(value.length());
            value.codePoints().forEach(c -> {
                if (c == '\n') {
                    escaped.append("\\n");
                } else if (c == '\r') {
                    escaped.append("\\r");
                } else if (c == '\t') {
                    escaped.append("\\t");
                } else if (Character.isISOControl(c)) {
                    escaped.append(String.format(Locale.ROOT, "\\u%04x", c));
                } else {
                    escaped.appendCodePoint(c);
                }
            });
            return escaped.toString();
        }
    }
}
