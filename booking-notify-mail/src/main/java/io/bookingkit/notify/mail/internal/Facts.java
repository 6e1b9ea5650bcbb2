package io.bookingkit.notify.mail.internal;

import io.bookingkit.notify.Notification;
import io.bookingkit.notify.mail.Recipient;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one message says, gathered by the port before anything is formatted.
 *
 * @param notification  the notification
 * @param recipient     who it goes to
 * @param resourceNames the names of the booking's resources, in the booking's order
 * @param zone          the zone of the booking's first resource: the local times are in it
 * @param cutoff        the template's cancellation cutoff, if the template is known
 * @param link          the link to the booking's page, if a pattern is configured
 * @param sender        the sender's name, or address when it has none
 */
public record Facts(Notification notification, Recipient recipient, List<String> resourceNames, ZoneId zone,
                    Optional<Duration> cutoff, Optional<String> link, String sender) {

    /**
     * Checks the components.
     *
     * @param notification  the notification
     * @param recipient     who it goes to
     * @param resourceNames the names of the booking's resources
     * @param zone          the zone of the local times
     * @param cutoff        the cancellation cutoff, if known
     * @param link          the link, if any
     * @param sender        the sender's name
     */
    public Facts {
        Objects.requireNonNull(notification, "notification");
        Objects.requireNonNull(recipient, "recipient");
        resourceNames = List.copyOf(resourceNames);
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(cutoff, "cutoff");
        Objects.requireNonNull(link, "link");
        Objects.requireNonNull(sender, "sender");
    }
}
