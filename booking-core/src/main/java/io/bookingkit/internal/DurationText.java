package io.bookingkit.internal;

import io.bookingkit.error.InvalidRequestException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The short duration form used in template files and messages: {@code 1h30m}, {@code 2d}. */
public final class DurationText {

    private static final Pattern SHORT_DURATION = Pattern.compile("(?:(\\d+)d)?(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?");

    private DurationText() {
    }

    /** The text form of a duration: {@code 1h30m}, {@code 2d}, {@code 0}. */
    public static String format(Duration duration) {
        if (duration.isZero()) {
            return "0";
        }
        StringBuilder text = new StringBuilder();
        long days = duration.toDays();
        if (days > 0) {
            text.append(days).append('d');
        }
        if (duration.toHoursPart() > 0) {
            text.append(duration.toHoursPart()).append('h');
        }
        if (duration.toMinutesPart() > 0) {
            text.append(duration.toMinutesPart()).append('m');
        }
        if (duration.toSecondsPart() > 0) {
            text.append(duration.toSecondsPart()).append('s');
        }
        return text.toString();
    }

    /** Reads {@code 30m}, {@code 1h30m}, {@code 2d}, {@code 0}, or ISO-8601 such as {@code PT30M}. */
    public static Duration parse(String text) {
        if (text.equals("0")) {
            return Duration.ZERO;
        }
        if (text.startsWith("P") || text.startsWith("p")) {
            try {
                return Duration.parse(text);
            } catch (DateTimeParseException e) {
                throw new InvalidRequestException("not an ISO-8601 duration");
            }
        }
        Matcher m = SHORT_DURATION.matcher(text);
        if (text.isEmpty() || !m.matches()) {
            throw new InvalidRequestException("expected a duration such as 30m, 1h30m, 2d or PT30M");
        }
        Duration d = Duration.ZERO;
        d = m.group(1) == null ? d : d.plusDays(Long.parseLong(m.group(1)));
        d = m.group(2) == null ? d : d.plusHours(Long.parseLong(m.group(2)));
        d = m.group(3) == null ? d : d.plusMinutes(Long.parseLong(m.group(3)));
        d = m.group(4) == null ? d : d.plusSeconds(Long.parseLong(m.group(4)));
        return d;
    }

}
