package io.bookingkit.waitlist;

import io.bookingkit.booking.Actor;
import io.bookingkit.internal.Require;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.OptionalInt;

/** The queue's rules: who may see an entry, its place in line, the place a new entry takes. */
public final class Waitlists {

    private Waitlists() {
    }

    /**
     * Whether {@code actor} may see (and leave) {@code entry}: its customer, staff of one of its
     * resources, admins.
     *
     * @param actor who asks
     * @param entry the entry asked about
     * @return true for the entry's customer, staff of one of its resources, and admins and the
     *         system of its tenant
     */
    public static boolean maySee(Actor actor, WaitlistEntry entry) {
        Require.nonNull(actor, "actor");
        Require.nonNull(entry, "entry");
        if (!actor.tenantId().equals(entry.tenantId())) {
            return false;
        }
        return switch (actor.role()) {
            case CUSTOMER -> entry.customerId().equals(actor.id());
            case STAFF -> entry.resourceIds().stream().anyMatch(actor.resourceIds()::contains);
            case ADMIN, SYSTEM -> true;
        };
    }

    /**
     * The sequence a new entry takes: one after every entry it competes with ({@code competing}
     * are the entries on its resources around its time, read under their locks), so that of two
     * entries that share a resource the one that joined later comes later.
     *
     * @param competing the entries it competes with; may be empty
     * @return one more than their highest sequence, 1 when there are none
     */
    public static long nextSequence(Collection<WaitlistEntry> competing) {
        return competing.stream().mapToLong(WaitlistEntry::sequence).max().orElse(0) + 1;
    }

    /**
     * {@code entries} with their positions, as {@link WaitlistPlace} defines them; {@code all} are
     * the entries around them.
     *
     * @param entries the entries to place
     * @param all     the entries around them, on their resources at their times
     * @param now     the instant positions are judged at
     * @return one place per entry, in the order of {@code entries}
     */
    public static List<WaitlistPlace> placed(List<WaitlistEntry> entries, Collection<WaitlistEntry> all, Instant now) {
        List<WaitlistPlace> placed = new ArrayList<>(entries.size());
        for (WaitlistEntry e : entries) {
            if (!e.waitsAt(now)) {
                placed.add(new WaitlistPlace(e, OptionalInt.empty()));
                continue;
            }
            long ahead = all.stream().filter(o -> o.waitsAt(now) && o.isFor(e.templateName(), e.start())
                    && o.resourceIds().stream().anyMatch(e.resourceIds()::contains)
                    // Two entries that share a resource joined under its lock: never one sequence.
                    && o.sequence() < e.sequence())
                    .count();
            placed.add(new WaitlistPlace(e, OptionalInt.of((int) ahead + 1)));
        }
        return placed;
    }
}
