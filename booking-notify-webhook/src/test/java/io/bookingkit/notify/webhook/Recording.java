package io.bookingkit.notify.webhook;

import io.bookingkit.notify.Notification;
import io.bookingkit.notify.NotificationPort;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A port in front of the notifier that keeps what it threw, for the tests to read the messages. */
final class Recording implements NotificationPort {

    private final NotificationPort port;
    private final List<RuntimeException> thrown = new CopyOnWriteArrayList<>();

    Recording(NotificationPort port) {
        this.port = port;
    }

    @Override
    public void send(Notification notification) {
        try {
            port.send(notification);
        } catch (RuntimeException e) {
            thrown.add(e);
            throw e;
        }
    }

    List<RuntimeException> thrown() {
        return List.copyOf(thrown);
    }

    RuntimeException last() {
        return thrown.get(thrown.size() - 1);
    }
}
