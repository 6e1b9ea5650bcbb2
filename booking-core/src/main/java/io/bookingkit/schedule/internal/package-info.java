/** The opening-hours text parser and printer. Internal. */
package io.bookingkit.schedule.internal;
