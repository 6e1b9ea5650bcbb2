package io.bookingkit.schedule;

import io.bookingkit.error.InvalidRequestException;

/**
 * Opening hours text that cannot be read. The message quotes the text, points at the bad token
 * with its column (1-based) and says what was expected there.
 */
public class OpeningHoursFormatException extends InvalidRequestException {

    private static final long serialVersionUID = 1L;

    /** The whole text that was being read. */
    private final String text;
    /** The 1-based column where the bad token starts. */
    private final int column;
    /** The bad token itself. */
    private final String token;

    /**
     * An exception whose message quotes {@code text} and marks the column with a caret.
     *
     * @param text   the whole text that was being read
     * @param column the 1-based column where the bad token starts
     * @param token  the bad token
     * @param reason what was expected there
     */
    public OpeningHoursFormatException(String text, int column, String token, String reason) {
        super("Cannot read opening hours at column " + column + " ('" + token + "'): " + reason
                + "\n  " + text + "\n  " + " ".repeat(Math.max(0, column - 1)) + "^");
        this.text = text;
        this.column = column;
        this.token = token;
    }

    /**
     * The whole text that was being read.
     *
     * @return the text
     */
    public String text() {
        return text;
    }

    /**
     * The 1-based column where the bad token starts.
     *
     * @return the column, from 1
     */
    public int column() {
        return column;
    }

    /**
     * The bad token itself.
     *
     * @return the token
     */
    public String token() {
        return token;
    }
}
