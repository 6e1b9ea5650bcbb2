package io.bookingkit.waitlist;

import io.bookingkit.error.BookingException;

/** No waitlist entry of that id exists in the tenant, or the actor may not see it. */
public class WaitlistEntryNotFoundException extends BookingException {

    private static final long serialVersionUID = 1L;

    /**
     * An exception naming the missing entry and the tenant it was looked for in.
     *
     * @param tenantId the tenant searched
     * @param entryId  the id not found there
     */
    public WaitlistEntryNotFoundException(String tenantId, String entryId) {
        super("No waitlist entry '" + entryId + "' in tenant '" + tenantId + "'");
    }
}
