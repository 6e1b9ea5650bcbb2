/**
 * The business rules shared by slot lists and writes ({@link io.bookingkit.policy.BookingRule},
 * {@link io.bookingkit.policy.BookingRules}), the change rules of agreed bookings
 * ({@link io.bookingkit.policy.ChangeRule}), localized {@link io.bookingkit.policy.Violation}s and
 * the refusals that carry them. API; rules are the extension point for business logic.
 */
package io.bookingkit.policy;
