package io.bookingkit.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Templates carry Bean Validation annotations for applications that validate their
 * configuration that way (Hibernate Validator here, as a test dependency only).
 */
class TemplateBeanValidationTest {

    private static ValidatorFactory factory;
    private static Validator validator;

    @BeforeAll
    static void startValidator() {
        factory = Validation.buildDefaultValidatorFactory();
        validator = factory.getValidator();
    }

    @AfterAll
    static void closeValidator() {
        factory.close();
    }

    static List<ServiceTemplate> validTemplates() {
        TemplateCatalog verticals = TemplateCatalog.verticals();
        return List.of(verticals.get("barber"), verticals.get("psychologist"), verticals.get("doctor"),
                verticals.get("field-service"), verticals.get("group-class"),
                ServiceTemplate.builder("in-code").reminder(Duration.ofHours(1), Channel.EMAIL).build());
    }

    @ParameterizedTest
    @MethodSource("validTemplates")
    void aValidTemplateHasNoConstraintViolations(ServiceTemplate template) {
        Set<ConstraintViolation<ServiceTemplate>> violations = validator.validate(template);
        assertTrue(violations.isEmpty(), () -> template.name() + ": " + violations);
    }

    @Test
    void theValidatorSeesTheTemplatesConstraints() {
        // A validator that saw no annotations would pass anything; make sure this one sees them.
        var descriptor = validator.getConstraintsForClass(ServiceTemplate.class);
        assertTrue(descriptor.isBeanConstrained());
        assertEquals(Set.of(NotBlank.class, jakarta.validation.constraints.Size.class),
                annotationTypes(descriptor.getConstraintsForProperty("name").getConstraintDescriptors()));
        assertEquals(Set.of(Positive.class),
                annotationTypes(descriptor.getConstraintsForProperty("minPartySize").getConstraintDescriptors()));
        assertEquals(Set.of(NotNull.class),
                annotationTypes(descriptor.getConstraintsForProperty("locale").getConstraintDescriptors()));
    }

    @Test
    void badConstructorArgumentsAreReportedByTheValidatorBeforeTheTemplateExists() throws Exception {
        // The same annotations sit on the canonical constructor's parameters, so an application can
        // validate raw configuration values before building the template (which would throw).
        Class<?>[] types = Arrays.stream(ServiceTemplate.class.getRecordComponents()).map(RecordComponent::getType)
                .toArray(Class<?>[]::new);
        Constructor<ServiceTemplate> canonical = ServiceTemplate.class.getDeclaredConstructor(types);
        ServiceTemplate good = ServiceTemplate.builder("good").build();
        Object[] args = new Object[types.length];
        RecordComponent[] components = ServiceTemplate.class.getRecordComponents();
        for (int i = 0; i < components.length; i++) {
            args[i] = components[i].getAccessor().invoke(good);
        }
        args[index("name")] = " ";
        args[index("minPartySize")] = 0;
        args[index("locale")] = null;

        Set<ConstraintViolation<ServiceTemplate>> violations =
                validator.forExecutables().validateConstructorParameters(canonical, args);

        assertEquals(Set.of(NotBlank.class, Positive.class, NotNull.class), violations.stream()
                .map(v -> v.getConstraintDescriptor().getAnnotation().annotationType()).collect(Collectors.toSet()),
                () -> violations.toString());
        assertEquals(3, violations.size(), () -> violations.toString());
        // Messages are interpolated (through the EL implementation), in the validator's locale.
        assertTrue(violations.stream().allMatch(v -> !v.getMessage().contains("{")), () -> violations.toString());
        // Sanity: the unchanged arguments pass.
        for (int i = 0; i < components.length; i++) {
            args[i] = components[i].getAccessor().invoke(good);
        }
        assertTrue(validator.forExecutables().validateConstructorParameters(canonical, args).isEmpty());
        assertEquals(OptionalInt.empty(), good.seats());
        assertEquals(Locale.ENGLISH, good.locale());
    }

    private static int index(String component) {
        RecordComponent[] components = ServiceTemplate.class.getRecordComponents();
        for (int i = 0; i < components.length; i++) {
            if (components[i].getName().equals(component)) {
                return i;
            }
        }
        throw new IllegalArgumentException(component);
    }

    private static Set<Class<?>> annotationTypes(Set<? extends jakarta.validation.metadata.ConstraintDescriptor<?>> descriptors) {
        return descriptors.stream().map(d -> d.getAnnotation().annotationType()).collect(Collectors.toSet());
    }
}
