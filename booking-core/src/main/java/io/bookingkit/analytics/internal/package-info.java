/** The statistics' calendar and arithmetic; not API. */
package io.bookingkit.analytics.internal;
