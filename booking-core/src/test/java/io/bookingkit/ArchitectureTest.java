package io.bookingkit;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package structure DESIGN.md promises, checked on the compiled main classes: no concept
 * depends on itself through others, nothing but the engine uses another concept's internals, the
 * leaf exception package imports nothing of ours, and value packages do not reach up to the
 * ports or the engine.
 */
class ArchitectureTest {

    private static JavaClasses core;

    @BeforeAll
    static void importCore() {
        core = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.bookingkit");
    }

    @Test
    void no_concept_takes_part_in_a_cycle() {
        // A concept's package and its internal sub-package are one slice: the internal helpers
        // serve their concept's public classes and are used by nothing else of the concept's peers.
        slices().matching("io.bookingkit.(*)..").should().beFreeOfCycles().check(core);
    }

    @Test
    void nothing_reaches_up_to_the_engine() {
        noClasses().that().resideOutsideOfPackage("io.bookingkit")
                .should().dependOnClassesThat().resideInAPackage("io.bookingkit")
                .check(core);
    }

    @Test
    void internal_packages_are_used_only_by_their_own_concept_and_the_engine() {
        for (String concept : new String[] {"schedule", "template", "policy", "spi"}) {
            noClasses().that().resideOutsideOfPackages("io.bookingkit", "io.bookingkit." + concept + "..")
                    .should().dependOnClassesThat().resideInAPackage("io.bookingkit." + concept + ".internal..")
                    .check(core);
        }
    }

    @Test
    void the_root_exceptions_import_nothing_of_bookingkit() {
        classes().that().resideInAPackage("io.bookingkit.error")
                .should().onlyDependOnClassesThat().resideInAnyPackage("io.bookingkit.error", "java..")
                .check(core);
    }

    @Test
    void values_do_not_reach_the_ports_or_the_engine() {
        noClasses().that().resideInAnyPackage("io.bookingkit.time..", "io.bookingkit.schedule..",
                        "io.bookingkit.template..", "io.bookingkit.resource..", "io.bookingkit.booking..",
                        "io.bookingkit.conflict..", "io.bookingkit.policy", "io.bookingkit.slot..", "io.bookingkit.notify..")
                .should().dependOnClassesThat().resideInAnyPackage("io.bookingkit.spi..", "io.bookingkit.memory..")
                .orShould().dependOnClassesThat().resideInAPackage("io.bookingkit")
                .check(core);
    }
}
