package io.bookingkit.jdbc;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The adapter's packages form no cycle and use only the core's published API and SPI. */
class ArchitectureTest {

    private static JavaClasses adapter;

    @BeforeAll
    static void importAdapter() {
        adapter = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.bookingkit.jdbc");
    }

    @Test
    void no_package_takes_part_in_a_cycle() {
        slices().matching("io.bookingkit.jdbc.(**)").should().beFreeOfCycles().check(adapter);
    }

    @Test
    void the_adapter_uses_no_internals_of_the_core() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("io.bookingkit.internal..",
                        "io.bookingkit.spi.internal..", "io.bookingkit.policy.internal..", "io.bookingkit.schedule.internal..",
                        "io.bookingkit.template.internal..")
                .check(adapter);
    }

    @Test
    void only_the_store_its_settings_and_the_dialects_are_public_api() {
        noClasses().that().resideInAPackage("io.bookingkit.jdbc.dialect")
                .should().dependOnClassesThat().resideInAPackage("io.bookingkit.jdbc.internal")
                .check(adapter);
    }
}
