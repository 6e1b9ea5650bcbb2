/** The unit-of-work protocol the core checks around every store. Internal. */
package io.bookingkit.spi.internal;
