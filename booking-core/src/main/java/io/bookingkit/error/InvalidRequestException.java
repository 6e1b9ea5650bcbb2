package io.bookingkit.error;

/**
 * A value handed to bookingkit is malformed: the message names the value and says why it was
 * refused. Retrying the same call cannot succeed.
 */
public class InvalidRequestException extends BookingException {

    private static final long serialVersionUID = 1L;

    public InvalidRequestException(String message) {
        super(message);
    }

    public InvalidRequestException(String message, Throwable cause) {
        super(message, cause);
    }
}
