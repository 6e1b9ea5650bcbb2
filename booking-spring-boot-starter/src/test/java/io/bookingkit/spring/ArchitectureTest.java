package io.bookingkit.spring;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The starter uses only the library's API, and its internals do not reach up to its API. */
class ArchitectureTest {

    private static JavaClasses starter;

    @BeforeAll
    static void importStarter() {
        starter = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.bookingkit.spring");
    }

    @Test
    void the_starter_uses_no_internals_of_the_core_or_the_adapter() {
        noClasses().should().dependOnClassesThat(
                        resideInAnyPackage("io.bookingkit.internal..", "io.bookingkit.*.internal..", "io.bookingkit.jdbc.*.internal..")
                                .and(resideOutsideOfPackage("io.bookingkit.spring.internal")))
                .check(starter);
    }

    @Test
    void the_internals_do_not_depend_on_the_auto_configuration() {
        noClasses().that().resideInAPackage("io.bookingkit.spring.internal")
                .should().dependOnClassesThat().resideInAPackage("io.bookingkit.spring")
                .check(starter);
    }
}
