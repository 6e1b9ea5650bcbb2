/**
 * What the engine measures of its own work, for metrics: {@link io.bookingkit.observe.EngineObserver}
 * receives how each write ended and how long its units of work waited and ran. The
 * {@code booking-micrometer} module turns these into Micrometer meters; core depends on no
 * metrics library.
 */
package io.bookingkit.observe;
