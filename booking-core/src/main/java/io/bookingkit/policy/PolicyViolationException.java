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

    public PolicyViolationException(List<Violation> violations) {
        super("The request breaks " + violations.size() + (violations.size() == 1 ? " rule: " : " rules: ")
                + violations.stream().map(Violation::toString).collect(Collectors.joining("; ")));
        this.violations = List.copyOf(violations);
    }

    /** Every violated rule. */
    public List<Violation> violations() {
        return violations;
    }

    /** The codes of the violated rules, in order. */
    public List<String> codes() {
        return violations.stream().map(Violation::code).toList();
    }

    /** The messages in {@code locale}. */
    public List<String> messages(Locale locale) {
        return violations.stream().map(v -> v.message(locale)).toList();
    }
}
