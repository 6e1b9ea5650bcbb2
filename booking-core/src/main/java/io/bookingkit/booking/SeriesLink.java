package io.bookingkit.booking;

import io.bookingkit.error.InvalidRequestException;
import io.bookingkit.internal.Ids;
import io.bookingkit.internal.Require;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Optional;

/**
 * Where a booking stands in a recurring series: the series' id, and the occurrence's place in
 * the series' rule, from 0 (the first start). Places stay with their occurrence: a skipped or
 * cancelled occurrence leaves a gap, and a replacement appended after the last one takes the
 * next place.
 *
 * @param seriesId the series
 * @param index    the occurrence's place, from 0
 * @param pattern  the rule the series was booked by, where it was booked by one (a series moved to
 *                 another time of day keeps none), so that a calendar can show it as one event
 */
public record SeriesLink(String seriesId, int index, Optional<Pattern> pattern) {

    /**
     * Validates the components.
     *
     * @param seriesId the series
     * @param index    the occurrence's place, from 0
     * @param pattern  the rule the series was booked by, where it was booked by one (a series moved
     *                 to another time of day keeps none), so that a calendar can show it as one
     *                 event
     * @throws InvalidRequestException if the series id is not a valid id or the index is negative
     */
    public SeriesLink {
        Ids.require(seriesId, "seriesId");
        if (index < 0) {
            throw new InvalidRequestException("series index must not be negative, but was " + index);
        }
        Require.nonNull(pattern, "pattern");
    }

    /**
     * A place in a series without a known rule.
     *
     * @param seriesId the series
     * @param index    the occurrence's place, from 0
     * @throws InvalidRequestException if the series id is not a valid id or the index is negative
     */
    public SeriesLink(String seriesId, int index) {
        this(seriesId, index, Optional.empty());
    }

    /**
     * The rule of a series: place {@code i} is the rule's {@code i}-th occurrence from
     * {@code first}, in local time in {@code zone}.
     *
     * @param rule  the RFC 5545 {@code RRULE} value, bounded by a {@code COUNT} or {@code UNTIL}
     * @param first the local start of place 0
     * @param zone  the zone of the local times
     */
    public record Pattern(String rule, LocalDateTime first, ZoneId zone) {

        /** The longest {@link #text()} a store must keep. */
        public static final int MAX_TEXT = 1000;

        /**
         * Validates the components.
         *
         * @param rule  the RFC 5545 {@code RRULE} value, bounded by a {@code COUNT} or
         *              {@code UNTIL}
         * @param first the local start of place 0
         * @param zone  the zone of the local times
         * @throws InvalidRequestException if the rule is blank or not an {@code RRULE} value, or
         *                                 the {@link #text()} would be longer than
         *                                 {@link #MAX_TEXT}
         */
        public Pattern {
            Require.notBlank(rule, "rule");
            if (rule.indexOf(';') >= 0 && !rule.contains("=")) {
                throw new InvalidRequestException("rule must be an RRULE value, but was '" + rule + "'");
            }
            Require.nonNull(first, "first");
            Require.nonNull(zone, "zone");
            if (textLength(rule, first, zone) > MAX_TEXT) {
                throw new InvalidRequestException("a series pattern may be " + MAX_TEXT + " characters long; rule '"
                        + rule + "' is too long");
            }
        }

        /**
         * The pattern, unless its {@link #text()} would pass {@link #MAX_TEXT}: a series with so
         * long a rule is booked all the same, and shown one event per occurrence.
         *
         * @param rule  the RFC 5545 {@code RRULE} value
         * @param first the local start of place 0
         * @param zone  the zone of the local times
         * @return the pattern, or empty if its text would be too long
         * @throws InvalidRequestException if the rule is blank or not an {@code RRULE} value
         */
        public static Optional<Pattern> fitting(String rule, LocalDateTime first, ZoneId zone) {
            Require.nonNull(rule, "rule");
            Require.nonNull(first, "first");
            Require.nonNull(zone, "zone");
            return textLength(rule, first, zone) > MAX_TEXT ? Optional.empty() : Optional.of(new Pattern(rule, first, zone));
        }

        /** The length of {@link #text()} for these components. */
        private static int textLength(String rule, LocalDateTime first, ZoneId zone) {
            return zone.getId().length() + 1 + first.toString().length() + 1 + rule.length();
        }

        /**
         * As one line of text, {@code zone first rule}, which {@link #parse} reads back.
         *
         * @return the zone id, the first start in ISO-8601 and the rule, separated by single spaces
         */
        public String text() {
            return zone.getId() + " " + first + " " + rule;
        }

        /**
         * The pattern that {@link #text()} wrote.
         *
         * @param text a text as {@link #text()} writes it
         * @return the pattern
         * @throws InvalidRequestException if {@code text} is not one
         */
        public static Pattern parse(String text) {
            Require.nonNull(text, "text");
            String[] parts = text.split(" ", 3);
            if (parts.length != 3) {
                throw new InvalidRequestException("a series pattern is 'zone first-start rule', but was '" + text + "'");
            }
            try {
                return new Pattern(parts[2], LocalDateTime.parse(parts[1]), ZoneId.of(parts[0]));
            } catch (DateTimeException e) {
                throw new InvalidRequestException("a series pattern is 'zone first-start rule', but was '" + text
                        + "': " + e.getMessage());
            }
        }
    }
}
