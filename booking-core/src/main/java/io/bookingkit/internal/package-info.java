/**
 * Argument checks, id rules and duration text shared by the core. Internal: not API, may change
 * in any release.
 */
package io.bookingkit.internal;
