package io.bookingkit.template.internal;

import io.bookingkit.error.InvalidRequestException;
import io.bookingkit.internal.DurationText;
import io.bookingkit.template.Channel;
import io.bookingkit.template.ConfirmationMode;
import io.bookingkit.template.Limits;
import io.bookingkit.template.PoolMode;
import io.bookingkit.template.Reminder;
import io.bookingkit.template.ServiceTemplate;
import io.bookingkit.template.TemplateLoadException;
import io.bookingkit.template.WaitlistSettings;
import io.bookingkit.template.TemplateLoadException.Problem;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IllformedLocaleException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Reads a {@link ServiceTemplate} from {@code .properties} settings, collecting every problem
 * before failing. The keys are documented in README.
 */
public final class TemplateProperties {

    /** Every key a template file may have. */
    public static final Set<String> KEYS = Set.of(
            "name", "duration", "duration.min", "duration.max", "duration.step",
            "buffer.before", "buffer.after", "slot.step", "seats", "party.min", "party.max",
            "notice.min", "same-day", "horizon", "cancellation.cutoff", "confirmation", "confirmation.expiry",
            "hold.duration", "limit.resource.day", "limit.resource.week", "limit.customer.day",
            "limit.customer.week", "reminders", "locale", "pool", "seats.min", "seats.min.deadline", "notice.join",
            "waitlist.limit.customer", "waitlist.close", "waitlist.offer.ttl");

    private TemplateProperties() {
    }

    /**
     * The template the settings describe.
     *
     * @throws TemplateLoadException listing every bad key
     */
    public static ServiceTemplate read(Properties settings, String source) {
        List<Problem> problems = new ArrayList<>();
        Set<String> keys = new TreeSet<>(settings.stringPropertyNames());
        for (String key : keys) {
            if (!KEYS.contains(key)) {
                problems.add(new Problem(key, settings.getProperty(key), "unknown key; known keys are " + new TreeSet<>(KEYS)));
            }
        }
        Reader r = new Reader(settings, problems);
        String name = settings.getProperty("name");
        if (name == null || name.isBlank()) {
            problems.add(new Problem("name", name, "required: the template's name"));
        }
        ServiceTemplate.Builder b = ServiceTemplate.builder(name == null ? "" : name.trim());
        if (settings.getProperty("duration") != null) {
            if (settings.getProperty("duration.min") != null || settings.getProperty("duration.max") != null) {
                problems.add(new Problem("duration", settings.getProperty("duration"),
                        "give either duration, or duration.min with duration.max, not both"));
            }
            r.value("duration", DurationText::parse, b::duration);
        } else if (settings.getProperty("duration.min") != null) {
            Duration min = r.value("duration.min", DurationText::parse, d -> { });
            Duration max = r.value("duration.max", DurationText::parse, d -> { });
            Duration step = r.value("duration.step", DurationText::parse, d -> { });
            if (settings.getProperty("duration.max") == null) {
                problems.add(new Problem("duration.max", null, "required with duration.min"));
            }
            if (min != null && max != null) {
                b.duration(min, max, step == null ? min : step);
            }
        } else {
            problems.add(new Problem("duration", null, "required: a fixed duration such as 30m, or duration.min and duration.max"));
        }
        Duration before = r.value("buffer.before", DurationText::parse, d -> { });
        Duration after = r.value("buffer.after", DurationText::parse, d -> { });
        b.buffers(before == null ? Duration.ZERO : before, after == null ? Duration.ZERO : after);
        r.value("slot.step", DurationText::parse, b::slotStep);
        r.value("seats", TemplateProperties::positiveInt, b::seats);
        Integer partyMin = r.value("party.min", TemplateProperties::positiveInt, p -> { });
        Integer partyMax = r.value("party.max", TemplateProperties::positiveInt, p -> { });
        int min = partyMin == null ? 1 : partyMin;
        b.partySize(min, partyMax == null ? Math.max(1, min) : partyMax);
        r.value("notice.min", DurationText::parse, b::minNotice);
        r.value("same-day", TemplateProperties::bool, b::sameDayAllowed);
        r.value("horizon", DurationText::parse, b::horizon);
        r.value("cancellation.cutoff", DurationText::parse, b::cancellationCutoff);
        ConfirmationMode mode = r.value("confirmation", v -> enumValue(ConfirmationMode.class, v), m -> { });
        Duration expiry = r.value("confirmation.expiry", DurationText::parse, d -> { });
        if (mode == ConfirmationMode.MANUAL) {
            b.requiresConfirmation(expiry == null ? Duration.ofHours(24) : expiry);
        } else if (expiry != null) {
            problems.add(new Problem("confirmation.expiry", settings.getProperty("confirmation.expiry"),
                    "only applies with confirmation=manual"));
        }
        r.value("hold.duration", DurationText::parse, b::holdDuration);
        Limits limits = Limits.none();
        Integer v;
        if ((v = r.value("limit.resource.day", TemplateProperties::positiveInt, x -> { })) != null) {
            limits = limits.withPerResourceDay(v);
        }
        if ((v = r.value("limit.resource.week", TemplateProperties::positiveInt, x -> { })) != null) {
            limits = limits.withPerResourceWeek(v);
        }
        if ((v = r.value("limit.customer.day", TemplateProperties::positiveInt, x -> { })) != null) {
            limits = limits.withPerCustomerDay(v);
        }
        if ((v = r.value("limit.customer.week", TemplateProperties::positiveInt, x -> { })) != null) {
            limits = limits.withPerCustomerWeek(v);
        }
        b.limits(limits);
        r.value("reminders", TemplateProperties::reminders, b::reminders);
        r.value("locale", TemplateProperties::locale, b::locale);
        r.value("pool", v2 -> enumValue(PoolMode.class, v2), b::poolMode);
        Integer minSeats = r.value("seats.min", TemplateProperties::positiveInt, x -> { });
        Duration deadline = r.value("seats.min.deadline", TemplateProperties::notNegative, d -> { });
        if (minSeats != null) {
            b.quorum(minSeats, deadline == null ? Duration.ofHours(24) : deadline);
        } else if (settings.getProperty("seats.min.deadline") != null && settings.getProperty("seats.min") == null) {
            problems.add(new Problem("seats.min.deadline", settings.getProperty("seats.min.deadline"),
                    "only applies with seats.min"));
        }
        r.value("notice.join", TemplateProperties::notNegative, b::joinNotice);
        WaitlistSettings defaults = WaitlistSettings.DEFAULTS;
        Integer perCustomer = r.value("waitlist.limit.customer", TemplateProperties::positiveInt, x -> { });
        Duration close = r.value("waitlist.close", TemplateProperties::notNegative, d -> { });
        Duration ttl = r.value("waitlist.offer.ttl", TemplateProperties::positive, d -> { });
        b.waitlist(new WaitlistSettings(perCustomer == null ? OptionalInt.empty() : OptionalInt.of(perCustomer),
                close == null ? defaults.close() : close, ttl == null ? defaults.offerTtl() : ttl));
        if (problems.isEmpty()) {
            try {
                return b.build();
            } catch (InvalidRequestException e) {
                problems.add(new Problem("(template)", null, e.getMessage()));
            }
        }
        throw new TemplateLoadException(source, problems);
    }

    private static Integer positiveInt(String text) {
        try {
            int value = Integer.parseInt(text);
            if (value <= 0) {
                throw new InvalidRequestException("must be a positive whole number");
            }
            return value;
        } catch (NumberFormatException e) {
            throw new InvalidRequestException("expected a positive whole number");
        }
    }

    private static Duration notNegative(String text) {
        Duration d = DurationText.parse(text);
        if (d.isNegative()) {
            throw new InvalidRequestException("must not be negative");
        }
        return d;
    }

    private static Duration positive(String text) {
        Duration d = DurationText.parse(text);
        if (d.isNegative() || d.isZero()) {
            throw new InvalidRequestException("must be longer than zero");
        }
        return d;
    }

    private static Boolean bool(String text) {
        if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(text);
        }
        throw new InvalidRequestException("expected true or false");
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, String text) {
        String normalized = text.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(normalized)) {
                return constant;
            }
        }
        List<String> allowed = new ArrayList<>();
        for (E constant : type.getEnumConstants()) {
            allowed.add(constant.name().toLowerCase(Locale.ROOT).replace('_', '-'));
        }
        throw new InvalidRequestException("expected one of " + allowed);
    }

    private static Locale locale(String text) {
        try {
            Locale locale = new Locale.Builder().setLanguageTag(text).build();
            if (locale.getLanguage().isEmpty()) {
                throw new InvalidRequestException("expected a language tag such as en or es-AR");
            }
            return locale;
        } catch (IllformedLocaleException e) {
            throw new InvalidRequestException("expected a language tag such as en or es-AR");
        }
    }

    private static List<Reminder> reminders(String text) {
        List<Reminder> reminders = new ArrayList<>();
        for (String part : text.split(",")) {
            String item = part.trim();
            if (item.isEmpty()) {
                continue;
            }
            int colon = item.indexOf(':');
            if (colon < 0) {
                throw new InvalidRequestException("each reminder is <duration>:<channel>, such as 24h:email, but '"
                        + item + "' has no ':'");
            }
            Duration before;
            try {
                before = DurationText.parse(item.substring(0, colon).trim());
            } catch (InvalidRequestException e) {
                throw new InvalidRequestException("reminder '" + item + "': " + e.getMessage());
            }
            reminders.add(Reminder.of(before, Channel.of(item.substring(colon + 1))));
        }
        return reminders;
    }

    /** Reads one key at a time, turning each failure into a problem instead of stopping. */
    private static final class Reader {
        private final Properties settings;
        private final List<Problem> problems;

        Reader(Properties settings, List<Problem> problems) {
            this.settings = settings;
            this.problems = problems;
        }

        <T> T value(String key, Function<String, T> parse, Consumer<T> apply) {
            String raw = settings.getProperty(key);
            if (raw == null) {
                return null;
            }
            try {
                T value = parse.apply(raw.trim());
                apply.accept(value);
                return value;
            } catch (InvalidRequestException e) {
                problems.add(new Problem(key, raw, e.getMessage()));
                return null;
            }
        }
    }

    /** The settings of {@code template} in file form, for printing and round trips. */
    public static Map<String, String> write(ServiceTemplate template) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        out.put("name", template.name());
        if (template.hasFixedDuration()) {
            out.put("duration", DurationText.format(template.minDuration()));
        } else {
            out.put("duration.min", DurationText.format(template.minDuration()));
            out.put("duration.max", DurationText.format(template.maxDuration()));
            out.put("duration.step", DurationText.format(template.durationStep()));
        }
        out.put("buffer.before", DurationText.format(template.bufferBefore()));
        out.put("buffer.after", DurationText.format(template.bufferAfter()));
        out.put("slot.step", DurationText.format(template.slotStep()));
        template.seats().ifPresent(s -> out.put("seats", Integer.toString(s)));
        out.put("party.min", Integer.toString(template.minPartySize()));
        out.put("party.max", Integer.toString(template.maxPartySize()));
        out.put("notice.min", DurationText.format(template.minNotice()));
        out.put("same-day", Boolean.toString(template.sameDayAllowed()));
        out.put("horizon", DurationText.format(template.horizon()));
        out.put("cancellation.cutoff", DurationText.format(template.cancellationCutoff()));
        out.put("confirmation", template.confirmation().name().toLowerCase(Locale.ROOT));
        if (template.confirmation() == ConfirmationMode.MANUAL) {
            out.put("confirmation.expiry", DurationText.format(template.pendingExpiry()));
        }
        out.put("hold.duration", DurationText.format(template.holdDuration()));
        Limits l = template.limits();
        l.perResourceDay().ifPresent(x -> out.put("limit.resource.day", Integer.toString(x)));
        l.perResourceWeek().ifPresent(x -> out.put("limit.resource.week", Integer.toString(x)));
        l.perCustomerDay().ifPresent(x -> out.put("limit.customer.day", Integer.toString(x)));
        l.perCustomerWeek().ifPresent(x -> out.put("limit.customer.week", Integer.toString(x)));
        List<String> reminders = new ArrayList<>();
        template.reminders().forEach(rem -> reminders.add(DurationText.format(rem.before()) + ":" + rem.channel()));
        if (!reminders.isEmpty()) {
            out.put("reminders", String.join(",", reminders));
        }
        out.put("locale", template.locale().toLanguageTag());
        out.put("pool", template.poolMode().name().toLowerCase(Locale.ROOT).replace('_', '-'));
        template.quorum().ifPresent(q -> {
            out.put("seats.min", Integer.toString(q.minSeats()));
            out.put("seats.min.deadline", DurationText.format(q.deadline()));
        });
        template.joinNotice().ifPresent(d -> out.put("notice.join", DurationText.format(d)));
        WaitlistSettings w = template.waitlist();
        w.perCustomer().ifPresent(x -> out.put("waitlist.limit.customer", Integer.toString(x)));
        if (!w.close().equals(WaitlistSettings.DEFAULTS.close())) {
            out.put("waitlist.close", DurationText.format(w.close()));
        }
        if (!w.offerTtl().equals(WaitlistSettings.DEFAULTS.offerTtl())) {
            out.put("waitlist.offer.ttl", DurationText.format(w.offerTtl()));
        }
        return out;
    }
}
