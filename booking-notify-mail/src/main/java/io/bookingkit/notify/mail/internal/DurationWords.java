package io.bookingkit.notify.mail.internal;

import java.time.Duration;

/**
 * A duration in words of the message's language, such as "24 hours", "1 hour and 30 minutes" or
 * "3 days", from the {@code minute.*}, {@code hour.*}, {@code day.*} and {@code join} entries of its
 * messages file. Whole days are given as days from two days on (a day's notice reads "24 hours");
 * otherwise hours and minutes. A duration that is not whole minutes is rounded up, so a customer is
 * never told they have longer than they do. Not API.
 */
final class DurationWords {

    private static final long MINUTES_PER_DAY = 24 * 60;

    private DurationWords() {
    }

    static String of(Duration duration, Templates.Messages messages) {
        long minutes = duration.toMinutes() + (duration.minusMinutes(duration.toMinutes()).isZero() ? 0 : 1);
        if (minutes <= 0) {
            return count("minute", 0, messages);
        }
        if (minutes % MINUTES_PER_DAY == 0 && minutes >= 2 * MINUTES_PER_DAY) {
            return count("day", minutes / MINUTES_PER_DAY, messages);
        }
        long hours = minutes / 60;
        long rest = minutes % 60;
        if (hours == 0) {
            return count("minute", rest, messages);
        }
        if (rest == 0) {
            return count("hour", hours, messages);
        }
        return count("hour", hours, messages) + messages.get("join") + count("minute", rest, messages);
    }

    private static String count(String unit, long n, Templates.Messages messages) {
        String pattern = messages.get(unit + (n == 1 ? ".one" : ".other"));
        return Placeholders.render(pattern, name -> Long.toString(n), s -> s);
    }
}
