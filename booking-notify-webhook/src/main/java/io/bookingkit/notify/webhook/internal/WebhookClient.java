package io.bookingkit.notify.webhook.internal;

import io.bookingkit.notify.Notification;
import io.bookingkit.notify.UndeliverableException;
import io.bookingkit.notify.webhook.WebhookDeliveryException;
import io.bookingkit.notify.webhook.WebhookNotifier;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP side of {@link WebhookNotifier}: one attempt POSTs the notification to every endpoint at
 * once, each with its own signature, waits for all of them (at most the request timeout), and
 * decides from all the outcomes together. Immutable and thread-safe: the JDK's client is.
 */
public final class WebhookClient {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookNotifier.class);

    /** How much of a response body a failure message quotes, at most. */
    private static final int BODY_LIMIT = 1024;
    private static final int QUOTED = 200;

    private final HttpClient http;
    private final List<Endpoint> endpoints;
    private final Duration connectTimeout;
    private final Duration requestTimeout;
    private final String userAgent;
    private final Clock clock;

    /**
     * A client over checked settings.
     *
     * @param endpoints      the URLs with their secrets, at least one
     * @param connectTimeout for establishing a connection, positive
     * @param requestTimeout for the whole exchange, positive
     * @param userAgent      the {@code User-Agent} header, printable ASCII
     * @param clock          the source of the {@code Bookingkit-Timestamp} header
     */
    public WebhookClient(List<Endpoint> endpoints, Duration connectTimeout, Duration requestTimeout, String userAgent,
                         Clock clock) {
        this.endpoints = List.copyOf(endpoints);
        this.connectTimeout = connectTimeout;
        this.requestTimeout = requestTimeout;
        this.userAgent = userAgent;
        this.clock = clock;
        this.http = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                // One small POST gains nothing from HTTP/2, and every receiver and proxy speaks 1.1
                // (a plain-http HTTP/2 client would ask each request to upgrade the connection).
                .version(HttpClient.Version.HTTP_1_1)
                // A redirected webhook is a URL to correct, not one to follow with the signature.
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /**
     * Delivers {@code notification} to every endpoint, or throws.
     *
     * @param notification the notification
     * @throws WebhookDeliveryException if an endpoint failed in a way a later attempt may not
     * @throws UndeliverableException   if none failed so, but one refused the notification for good
     */
    public void send(Notification notification) {
        byte[] body = NotificationJson.write(notification);
        // One timestamp for the attempt; every URL's signature covers it with that URL's secret.
        long timestamp = clock.instant().getEpochSecond();
        String idempotencyKey = HeaderValues.idempotencyKey(notification.dedupeKey());
        long deadline = System.nanoTime() + saturatedNanos(requestTimeout);

        List<CompletableFuture<HttpResponse<String>>> exchanges = new ArrayList<>(endpoints.size());
        for (Endpoint endpoint : endpoints) {
            exchanges.add(post(endpoint, body, timestamp, idempotencyKey));
        }
        List<Outcome> outcomes = new ArrayList<>(endpoints.size());
        for (int i = 0; i < endpoints.size(); i++) {
            Endpoint endpoint = endpoints.get(i);
            CompletableFuture<HttpResponse<String>> exchange = exchanges.get(i);
            try {
                HttpResponse<String> response = exchange.get(Math.max(0, deadline - System.nanoTime()),
                        TimeUnit.NANOSECONDS);
                outcomes.add(Outcome.of(endpoint, response.statusCode(), response.headers().firstValue("Location"),
                        response.body()));
            } catch (ExecutionException e) {
                outcomes.add(Outcome.failed(endpoint, describe(unwrap(e)), unwrap(e)));
            } catch (TimeoutException | CancellationException e) {
                exchange.cancel(true);
                outcomes.add(Outcome.failed(endpoint, "no response within " + requestTimeout, null));
            } catch (InterruptedException e) {
                exchanges.forEach(x -> x.cancel(true));
                Thread.currentThread().interrupt();
                throw new WebhookDeliveryException("Webhook delivery of " + describe(notification)
                        + " was interrupted; it will be retried", e);
            }
            if (LOG.isDebugEnabled()) {
                Outcome last = outcomes.get(outcomes.size() - 1);
                LOG.debug("Webhook {} to {}: {}", describe(notification), endpoint.display(), last.description());
            }
        }
        decide(notification, outcomes);
    }

    private CompletableFuture<HttpResponse<String>> post(Endpoint endpoint, byte[] body, long timestamp,
                                                         String idempotencyKey) {
        HttpRequest request = HttpRequest.newBuilder(endpoint.uri())
                .timeout(requestTimeout)
                .header("Content-Type", "application/json")
                .header("User-Agent", userAgent)
                .header(WebhookNotifier.TIMESTAMP_HEADER, Long.toString(timestamp))
                .header(WebhookNotifier.SIGNATURE_HEADER, Signatures.sign(endpoint.secret(), timestamp, body))
                .header(WebhookNotifier.IDEMPOTENCY_KEY_HEADER, idempotencyKey)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        try {
            return http.sendAsync(request, info -> new LimitedBody(BODY_LIMIT));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /**
     * Returns when every endpoint took the notification; otherwise throws for a retry when any
     * failure may pass, and parks only when every failure is a refusal: a receiver that is merely
     * down must still get the notification once it is back.
     */
    private static void decide(Notification notification, List<Outcome> outcomes) {
        if (outcomes.stream().allMatch(o -> o.result() == Outcome.Result.DELIVERED)) {
            return;
        }
        String summary = outcomes.stream().map(o -> o.endpoint().display() + ": " + o.description())
                .collect(Collectors.joining("; "));
        Throwable cause = outcomes.stream().map(Outcome::cause).filter(c -> c != null).findFirst().orElse(null);
        if (outcomes.stream().anyMatch(o -> o.result() == Outcome.Result.RETRY)) {
            throw new WebhookDeliveryException("Webhook delivery of " + describe(notification)
                    + " failed and will be retried: " + summary, cause);
        }
        throw new UndeliverableException("Webhook receiver refused " + describe(notification)
                + " for good: " + summary, cause);
    }

    private static String describe(Notification notification) {
        return notification.kind() + " " + notification.dedupeKey();
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof ExecutionException || cause instanceof CompletionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    private String describe(Throwable failure) {
        if (failure instanceof HttpConnectTimeoutException) {
            return "could not connect within " + connectTimeout;
        }
        if (failure instanceof HttpTimeoutException) {
            return "no response within " + requestTimeout;
        }
        if (failure instanceof ConnectException) {
            return "could not connect (" + failure + ")";
        }
        if (failure instanceof IOException) {
            return "I/O failure (" + failure + ")";
        }
        return "failed (" + failure + ")";
    }

    private static long saturatedNanos(Duration duration) {
        try {
            return duration.toNanos();
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE / 2;
        }
    }

    /** One endpoint's part in one attempt. */
    record Outcome(Endpoint endpoint, Result result, String description, Throwable cause) {

        /** What an outcome asks of the dispatcher. */
        enum Result {
            /** The receiver took it (2xx). */
            DELIVERED,
            /** A later attempt may succeed. */
            RETRY,
            /** No attempt will: a 4xx other than 408 and 429, or a redirect. */
            REFUSED
        }

        /**
         * The outcome of a response: 2xx delivered; 408, 429 and 5xx retried; a redirect and every
         * other 4xx refused; anything else (a 1xx that is not followed by a final status, or a
         * code above 599) retried, as a receiver that is not itself.
         */
        static Outcome of(Endpoint endpoint, int status, java.util.Optional<String> location, String body) {
            Result result;
            if (status >= 200 && status < 300) {
                result = Result.DELIVERED;
            } else if (status == 408 || status == 429 || (status >= 500 && status < 600)) {
                result = Result.RETRY;
            } else if (status >= 300 && status < 500) {
                result = Result.REFUSED;
            } else {
                result = Result.RETRY;
            }
            StringBuilder description = new StringBuilder();
            description.append(result == Result.DELIVERED ? "delivered (" + status + ")" : "answered " + status);
            if (status >= 300 && status < 400) {
                description.append(location.map(l -> ", a redirect to " + l).orElse(", a redirect"))
                        .append(" (redirects are not followed: configure the final URL)");
            }
            if (result != Result.DELIVERED) {
                String quoted = quote(body);
                if (!quoted.isEmpty()) {
                    description.append(": \"").append(quoted).append('"');
                }
            }
            return new Outcome(endpoint, result, description.toString(), null);
        }

        static Outcome failed(Endpoint endpoint, String description, Throwable cause) {
            return new Outcome(endpoint, Result.RETRY, description, cause);
        }

        /** The start of a body, on one line, for a message. */
        private static String quote(String body) {
            String line = body.replaceAll("[\\p{Cntrl}\\s]+", " ").strip();
            return line.length() <= QUOTED ? line : line.substring(0, QUOTED) + "…";
        }
    }
}
