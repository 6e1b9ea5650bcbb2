package io.bookingkit.notify;

import io.bookingkit.booking.Booking;
import io.bookingkit.internal.Require;
import io.bookingkit.spi.OutboxMessage;
import io.bookingkit.template.Reminder;
import io.bookingkit.template.ServiceTemplate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/** Turns a template's reminder offsets into outbox messages for one booking. */
public final class ReminderPlan {

    private ReminderPlan() {
    }

    /**
     * One message per reminder of {@code template}, due its offset before the booking starts.
     * Reminders whose time has already passed at {@code now} are left out rather than sent late.
     */
    public static List<OutboxMessage> plan(Booking booking, ServiceTemplate template, Instant now, Supplier<String> ids) {
        Require.nonNull(booking, "booking");
        Require.nonNull(template, "template");
        List<OutboxMessage> messages = new ArrayList<>();
        for (Reminder reminder : template.reminders()) {
            Instant due = booking.interval().getStart().minus(reminder.before());
            if (due.isBefore(now)) {
                continue;
            }
            String dedupe = booking.id() + ":REMINDER:" + reminder.before() + ":" + reminder.channel() + ":"
                    + booking.interval().getStart();
            messages.add(new OutboxMessage(ids.get(), booking.tenantId(), booking.id(), NotificationKind.REMINDER,
                    Optional.of(reminder.channel()), booking.customerId(), booking.locale(), due, dedupe, 0));
        }
        return messages;
    }
}
