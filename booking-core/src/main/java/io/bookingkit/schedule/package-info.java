/**
 * When a resource is open: {@link io.bookingkit.schedule.OpeningHours} with weekly hours,
 * overrides and closures, in the resource's zone, and its text form. API.
 */
package io.bookingkit.schedule;
