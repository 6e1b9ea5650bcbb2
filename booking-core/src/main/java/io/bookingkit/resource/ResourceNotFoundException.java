package io.bookingkit.resource;

import io.bookingkit.error.BookingException;

/** No resource with the given id is registered in the caller's tenant. */
public class ResourceNotFoundException extends BookingException {

    private static final long serialVersionUID = 1L;

    private final String resourceId;

    public ResourceNotFoundException(String tenantId, String resourceId) {
        super("No resource '" + resourceId + "' in tenant '" + tenantId + "'");
        this.resourceId = resourceId;
    }

    /** The id that was not found. */
    public String resourceId() {
        return resourceId;
    }
}
