/** How the engine calls its observer: timing, and keeping an observer's failure to itself. */
package io.bookingkit.observe.internal;
