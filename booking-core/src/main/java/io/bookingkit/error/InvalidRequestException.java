package io.bookingkit.error;

/**
 * A value handed to bookingkit is malformed: the message names the value and says why it was
 * refused. Retrying the same call cannot succeed.
 */
public class InvalidRequestException extends BookingException {

    private static final long serialVersionUID = 1L;

    /**
     * An exception naming the refused value and the rule it breaks.
     *
     * @param message the detail message, naming the value and the reason
     */
    public InvalidRequestException(String message) {
        super(message);
    }

    /**
     * An exception naming the refused value, with the failure that revealed it, such as a parse
     * error.
     *
     * @param message the detail message, naming the value and the reason
     * @param cause   the underlying failure
     */
    public InvalidRequestException(String message, Throwable cause) {
        super(message, cause);
    }
}
