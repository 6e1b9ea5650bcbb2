package io.bookingkit.schedule;

import io.bookingkit.error.InvalidRequestException;

/**
 * Opening hours text that cannot be read. The message quotes the text, points at the bad token
 * with its column (1-based) and says what was expected there.
 */
public class OpeningHoursFormatException extends InvalidRequestException {

    private static final long serialVersionUID = 1L;

    private final String text;
    private final int column;
    private final String token;

    public OpeningHoursFormatException(String text, int column, String token, String reason) {
        super("Cannot read opening hours at column " + column + " ('" + token + "'): " + reason
                + "\n  " + text + "\n  " + " ".repeat(Math.max(0, column - 1)) + "^");
        this.text = text;
        this.column = column;
        this.token = token;
    }

    /** The whole text that was being read. */
    public String text() {
        return text;
    }

    /** The 1-based column where the bad token starts. */
    public int column() {
        return column;
    }

    /** The bad token itself. */
    public String token() {
        return token;
    }
}
