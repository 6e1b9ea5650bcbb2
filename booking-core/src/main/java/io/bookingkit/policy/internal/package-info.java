/** How far around a candidate the rules read, once for reads and writes. Internal. */
package io.bookingkit.policy.internal;
