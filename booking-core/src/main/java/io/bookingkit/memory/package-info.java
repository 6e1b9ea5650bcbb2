/** {@link io.bookingkit.memory.InMemoryBookingStore}, the reference store. API. */
package io.bookingkit.memory;
