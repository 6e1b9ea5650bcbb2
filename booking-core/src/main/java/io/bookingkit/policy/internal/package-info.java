/**
 * How far around a candidate the rules read, once for reads and writes, and which writes they
 * judge by overlaps alone. Internal.
 */
package io.bookingkit.policy.internal;
