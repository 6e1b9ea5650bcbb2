/** Parsing and expansion of recurrence rules. Internal: not API, may change in any release. */
package io.bookingkit.recurrence.internal;
