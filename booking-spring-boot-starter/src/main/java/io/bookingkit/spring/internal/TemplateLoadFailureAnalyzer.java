package io.bookingkit.spring.internal;

import io.bookingkit.template.TemplateLoadException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Reports a template that failed to load at startup as what to fix: the file or the
 * {@code bookingkit.templates.<name>.*} properties, and every bad key with its value and why,
 * instead of a stack trace.
 */
public final class TemplateLoadFailureAnalyzer extends AbstractFailureAnalyzer<TemplateLoadException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, TemplateLoadException cause) {
        return new FailureAnalysis("A bookingkit template could not be loaded. " + cause.getMessage(),
                "Correct the settings named above. The keys of a template, their values and their defaults are "
                        + "in the Templates section of bookingkit's README.", cause);
    }
}
