package io.budgetwatch.execution.architecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.budgetwatch.testsupport.ServiceArchitecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

/** The structure of execution-service, checked on its compiled classes: a failing rule names the class. */
@AnalyzeClasses(packages = "io.budgetwatch.execution", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule resourcesHoldNoSql = ServiceArchitecture.resourcesHoldNoSql();

    @ArchTest
    static final ArchRule resourcesCallNoOtherResource = ServiceArchitecture.resourcesCallNoOtherResource();

    @ArchTest
    static final ArchRule featurePackagesHaveNoCycles = ServiceArchitecture.noCyclesBetween("io.budgetwatch.execution.(*)..");

    @ArchTest
    static final ArchRule noOtherServiceIsUsed = ServiceArchitecture.usesNoOtherService("execution");

    @ArchTest
    static final ArchRule thePaymentContractIsPureAndDependsOnNoFeature = classes()
            .that().resideInAPackage("io.budgetwatch.execution.contract..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("io.budgetwatch.execution.contract..",
                    "io.budgetwatch.events..", "io.budgetwatch.common.problem..", "io.budgetwatch.common.text..", "java..",
                    "com.fasterxml.jackson..")
            .because("the contract decides what a record is, with no I/O, and every path uses it");
}
