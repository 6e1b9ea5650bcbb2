package io.bookingkit.examples.live;

import com.sun.net.httpserver.HttpExchange;
import io.bookingkit.BookingEngine;
import io.bookingkit.error.InvalidRequestException;
import io.bookingkit.feed.ChangePage;
import io.bookingkit.feed.FeedEntry;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client's {@code GET /events}: the tenant's changes as Server-Sent Events, from the
 * client's position on, each once and in order.
 *
 * <p>A client at a position the {@link FeedHub} knows joins it at once. Any other (one that was
 * away for a while, or comes from another server) first reads the store from its position until
 * the hub knows where it is, then joins; the join replays what the hub read after that position,
 * under the hub's lock, so nothing falls between the store's pages and the hub's.
 */
final class EventStream {

    static final String LAST_EVENT_ID = "Last-Event-ID";

    private static final Logger LOG = LoggerFactory.getLogger(EventStream.class);
    // EventSource reconnects after this long when a stream ends.
    private static final int RETRY_MILLIS = 1000;

    private final BookingEngine engine;
    private final String tenantId;
    private final FeedHub hub;
    private final Duration heartbeat;

    EventStream(BookingEngine engine, String tenantId, FeedHub hub, Duration heartbeat) {
        this.engine = engine;
        this.tenantId = tenantId;
        this.hub = hub;
        this.heartbeat = heartbeat;
    }

    /**
     * Streams until the client goes or the server stops. A malformed position fails before
     * anything is sent, so the caller can answer 400.
     */
    void serve(HttpExchange exchange, Optional<String> after) throws IOException {
        String position = Optional.ofNullable(exchange.getRequestHeaders().getFirst(LAST_EVENT_ID))
                .or(() -> after).orElseGet(() -> engine.latestChangePosition(tenantId));
        Optional<FeedHub.Subscription> joined = hub.subscribe(position);
        try {
            ChangePage first = joined.isPresent() ? null
                    : engine.changes(tenantId, position, BookingEngine.MAX_CHANGE_PAGE);
            exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            exchange.sendResponseHeaders(200, 0);
            stream(exchange.getResponseBody(), joined, first);
        } catch (IOException e) {
            LOG.debug("An event stream of tenant {} ended: {}", tenantId, e.toString());
        } catch (InvalidRequestException e) {
            // A malformed position: nothing was sent yet, so the caller answers 400.
            throw e;
        } catch (RuntimeException e) {
            // The store failed mid-stream: end it, and the client reconnects from its last id.
            LOG.warn("An event stream of tenant {} failed", tenantId, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            // Also when the client was gone before the stream started.
            joined.ifPresent(FeedHub.Subscription::close);
            exchange.close();
        }
    }

    private void stream(OutputStream out, Optional<FeedHub.Subscription> joined, ChangePage first)
            throws IOException, InterruptedException {
        // Headers alone do not reach a client through every proxy: the first line tells it the
        // stream is open before any change happens.
        write(out, ": live calendar of tenant " + oneLine(tenantId) + "\nretry: " + RETRY_MILLIS + "\n\n");
        FeedHub.Subscription subscription = joined.isPresent() ? joined.get() : catchUp(out, first);
        if (subscription == null) {
            return;
        }
        try (subscription) {
            relay(out, subscription);
        }
    }

    /**
     * Sends the store's changes from {@code page} on until the hub knows the position reached,
     * and joins it there; null if the hub closed meanwhile.
     */
    private FeedHub.Subscription catchUp(OutputStream out, ChangePage page) throws IOException, InterruptedException {
        while (true) {
            String position = send(out, page);
            if (page.more()) {
                page = engine.changes(tenantId, position, BookingEngine.MAX_CHANGE_PAGE);
                continue;
            }
            long seen = hub.advances();
            Optional<FeedHub.Subscription> joined = hub.subscribe(position);
            if (joined.isPresent()) {
                return joined.get();
            }
            // The store is ahead of this server's hub (another server wrote, and this one has not
            // read it yet): wait for the hub to move, then look again.
            hub.awaitAdvance(seen, heartbeat);
            if (hub.isClosed()) {
                return null;
            }
            if (hub.advances() == seen) {
                write(out, ": heartbeat\n\n");
            }
            page = engine.changes(tenantId, position, BookingEngine.MAX_CHANGE_PAGE);
        }
    }

    private void relay(OutputStream out, FeedHub.Subscription subscription) throws IOException, InterruptedException {
        while (true) {
            Optional<FeedHub.Event> event = subscription.next(heartbeat);
            if (event.isEmpty()) {
                write(out, ": heartbeat\n\n");
            } else if (event.get() instanceof FeedHub.Entry entry) {
                write(out, change(entry.entry()));
            } else if (event.get() instanceof FeedHub.Reset reset) {
                write(out, reset(reset.position()));
            } else {
                return;
            }
        }
    }

    /** Writes the page's events; returns where to resume. */
    private static String send(OutputStream out, ChangePage page) throws IOException {
        if (page.reset()) {
            write(out, reset(page.position()));
        } else {
            StringBuilder events = new StringBuilder();
            page.entries().forEach(entry -> events.append(change(entry)));
            if (events.length() > 0) {
                write(out, events.toString());
            }
        }
        return page.position();
    }

    static String change(FeedEntry entry) {
        return "id: " + oneLine(entry.position()) + "\nevent: change\ndata: " + Json.text(Json.change(entry.change())) + "\n\n";
    }

    static String reset(String position) {
        return "id: " + oneLine(position) + "\nevent: reset\ndata: " + Json.text(Map.of("position", position)) + "\n\n";
    }

    /** An SSE field ends at a line break; a value with one would corrupt the stream. */
    private static String oneLine(String value) {
        if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
            throw new IllegalStateException("A feed position or tenant holds a line break and cannot be an event's"
                    + " field: " + value.replace("\n", "\\n").replace("\r", "\\r"));
        }
        return value;
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}
