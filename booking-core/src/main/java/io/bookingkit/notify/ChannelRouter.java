package io.bookingkit.notify;

import io.bookingkit.error.InvalidRequestException;
import io.bookingkit.internal.Require;
import io.bookingkit.template.Channel;
import io.bookingkit.template.Reminder;
import io.bookingkit.template.TemplateCatalog;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A {@link NotificationPort} that hands each notification to the port of its
 * {@linkplain Notification#channel() channel} (reminders), and the rest (confirmations,
 * cancellations and every other notification without a channel) to the default port. What
 * {@code BookingEngine.builder().notifications(mailPort).notifications("sms", smsPort)} builds.
 * Thread-safe when the ports are.
 */
public final class ChannelRouter implements NotificationPort {

    private final NotificationPort defaultPort;
    private final Map<Channel, NotificationPort> routes;

    private ChannelRouter(NotificationPort defaultPort, Map<Channel, NotificationPort> routes) {
        this.defaultPort = defaultPort;
        this.routes = Map.copyOf(routes);
    }

    /**
     * A router over {@code routes} that can deliver every reminder of {@code templates}: a
     * channel nobody delivers is refused here, when the engine is built, not at delivery time.
     *
     * @param defaultPort where notifications without a channel (confirmations, cancellations,
     *                    offers) go, and a message written before its channel lost its port
     * @param routes      the port of each channel, at least one
     * @param templates   whose reminders must each have a route
     * @return the router
     * @throws InvalidRequestException naming the first template and channel without a port, or
     *         when there are no routes
     */
    public static ChannelRouter of(NotificationPort defaultPort, Map<Channel, NotificationPort> routes,
                                   TemplateCatalog templates) {
        Require.nonNull(defaultPort, "defaultPort");
        Require.nonNull(templates, "templates");
        Map<Channel, NotificationPort> copy = new LinkedHashMap<>();
        Require.nonNull(routes, "routes").forEach((channel, port) ->
                copy.put(Require.nonNull(channel, "channel"), Require.nonNull(port, "port of " + channel.name())));
        if (copy.isEmpty()) {
            throw new InvalidRequestException("A channel router needs at least one route; without any, use the "
                    + "default port alone");
        }
        for (String name : templates.names()) {
            for (Reminder reminder : templates.get(name).reminders()) {
                if (!copy.containsKey(reminder.channel())) {
                    throw new InvalidRequestException("Template '" + name + "' sends reminders over '"
                            + reminder.channel().name() + "', which has no notification port (there are ports for "
                            + copy.keySet().stream().map(Channel::name).sorted().toList() + "): add one with "
                            + "notifications(\"" + reminder.channel().name() + "\", port)");
                }
            }
        }
        return new ChannelRouter(defaultPort, copy);
    }

    /** Sends {@code notification} through its channel's port, or the default one. */
    @Override
    public void send(Notification notification) {
        notification.channel().map(routes::get).orElse(defaultPort).send(notification);
    }

    @Override
    public String toString() {
        return "ChannelRouter" + routes.keySet().stream().map(Channel::name).sorted().toList() + " else " + defaultPort;
    }
}
