package io.budgetwatch.common.architecture;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** service-common serves the services and knows none of them; its packages have no cycles. */
class CommonDependenciesTest {

    private static final com.tngtech.archunit.core.domain.JavaClasses COMMON = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.budgetwatch.common");

    @Test
    void noServiceIsUsed() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("io.budgetwatch.goals..",
                "io.budgetwatch.execution..", "io.budgetwatch.reporting..").check(COMMON);
    }

    @Test
    void packagesHaveNoCycles() {
        slices().matching("io.budgetwatch.common.(*)..").should().beFreeOfCycles().check(COMMON);
    }
}
