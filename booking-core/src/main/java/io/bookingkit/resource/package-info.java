/**
 * What is booked: {@link io.bookingkit.resource.Resource}, with its hours, zone and seats, and
 * {@link io.bookingkit.resource.ResourceNotFoundException}. API.
 */
package io.bookingkit.resource;
