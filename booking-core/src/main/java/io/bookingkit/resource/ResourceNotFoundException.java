package io.bookingkit.resource;

import io.bookingkit.error.BookingException;

/** No resource with the given id is registered in the caller's tenant. */
public class ResourceNotFoundException extends BookingException {

    private static final long serialVersionUID = 1L;

    /** The id that was not found. */
    private final String resourceId;

    /**
     * An exception naming the missing resource and the tenant it was looked for in.
     *
     * @param tenantId   the tenant searched
     * @param resourceId the id not found there
     */
    public ResourceNotFoundException(String tenantId, String resourceId) {
        super("No resource '" + resourceId + "' in tenant '" + tenantId + "'");
        this.resourceId = resourceId;
    }

    /**
     * The id that was not found.
     *
     * @return the resource id
     */
    public String resourceId() {
        return resourceId;
    }
}
