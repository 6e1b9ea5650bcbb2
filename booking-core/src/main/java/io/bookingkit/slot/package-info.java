/**
 * Slot lists: the start grid, {@link io.bookingkit.slot.SlotQuery}, {@link io.bookingkit.slot.Slot},
 * and {@link io.bookingkit.slot.PoolChoice}, the one choice of resources that slot lists, "why
 * not?" and writes share. API.
 */
package io.bookingkit.slot;
