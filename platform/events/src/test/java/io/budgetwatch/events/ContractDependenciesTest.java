package io.budgetwatch.events;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

/** The event contracts depend on nothing of the suite and nothing of a framework but Jackson's annotations. */
class ContractDependenciesTest {

    @Test
    void theEventContractsDependOnNoServiceAndNoFramework() {
        classes().that().resideInAPackage("io.budgetwatch.events..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("io.budgetwatch.events..", "java..",
                        "com.fasterxml.jackson.annotation..")
                .because("every service and every outside subscriber reads these records")
                .check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("io.budgetwatch.events"));
    }
}
