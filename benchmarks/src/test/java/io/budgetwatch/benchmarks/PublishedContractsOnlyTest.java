package io.budgetwatch.benchmarks;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The benchmarks drive the services as their users do: through the event contracts, HTTP and the servers the tests
 * start, never through a service's own classes (a service's internals may change without the benchmark noticing).
 */
class PublishedContractsOnlyTest {

    @Test
    void benchmarksUseOnlyPublishedContractsAndPublicApis() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("io.budgetwatch.goals..",
                        "io.budgetwatch.execution..", "io.budgetwatch.reporting..", "io.budgetwatch.common..")
                .check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("io.budgetwatch.benchmarks"));
    }
}
