/** SQL per concept, the lock step, and the transaction and retry loop. Internal. */
package io.bookingkit.jdbc.internal;
