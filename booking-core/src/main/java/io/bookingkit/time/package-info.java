/**
 * Intervals on the time line: {@link io.bookingkit.time.IntervalSet}, {@link io.bookingkit.time.IntervalIndex},
 * and {@link io.bookingkit.time.WallClock}, the one daylight-saving rule. API. Intervals are
 * half-open threeten-extra {@code Interval}s.
 */
package io.bookingkit.time;
