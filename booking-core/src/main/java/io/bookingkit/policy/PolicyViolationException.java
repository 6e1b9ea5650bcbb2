package io.bookingkit.policy;

import io.bookingkit.error.BookingException;

import io.bookingkit.policy.Violation;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** The request breaks one or more business rules; every violated rule is listed, each with a code. */
public class PolicyViolationException extends BookingException {

    private static final long serialVersionUID = 1L;

    private final transient List<Violation> violations;

    /**
     * An exception listing every violation, in English, in its message.
     *
     * @param violations the violated rules, at least one; copied
     */
    public PolicyViolationException(List<Violation> violations) {
        super("The request breaks " + violations.size() + (violations.size() == 1 ? " rule: " : " rules: ")
                + violations.stream().map(Violation::toString).collect(Collectors.joining("; ")));
        this.violations = List.copyOf(violations);
    }

    /**
     * Every violated rule.
     *
     * @return the violations, in the order the rules reported them
     */
    public List<Violation> violations() {
        return violations;
    }

    /**
     * The codes of the violated rules, in order.
     *
     * @return the codes
     */
    public List<String> codes() {
        return violations.stream().map(Violation::code).toList();
    }

    /**
     * The messages in {@code locale}.
     *
     * @param locale the language of the messages
     * @return one message per violation, in order
     */
    public List<String> messages(Locale locale) {
        return violations.stream().map(v -> v.message(locale)).toList();
    }
}
