package io.budgetwatch.execution.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** The structure of execution-service, held: a failing rule names the class and the dependency. */
class ArchitectureTest {

    private static JavaClasses service;

    @BeforeAll
    static void importService() {
        service = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.budgetwatch.execution");
    }

    @Test
    void resourcesHoldNoSql() {
        noClasses().that().areAnnotatedWith(jakarta.ws.rs.Path.class).or().haveSimpleNameEndingWith("Resource")
                .should().dependOnClassesThat().resideInAnyPackage("io.vertx.mutiny.sqlclient..", "io.vertx.sqlclient..",
                        "io.vertx.pgclient..", "io.vertx.mutiny.pgclient..")
                .because("SQL lives in the feature's store; a resource calls services and stores")
                .check(service);
    }

    @Test
    void resourcesDoNotCallOtherResources() {
        noClasses().that().haveSimpleNameEndingWith("Resource")
                .should().dependOnClassesThat().haveSimpleNameEndingWith("Resource")
                .check(service);
    }

    @Test
    void featurePackagesHaveNoCycles() {
        slices().matching("io.budgetwatch.execution.(*)..").should().beFreeOfCycles().check(service);
    }

    @Test
    void thePaymentContractIsPureAndDependsOnNoFeature() {
        classes().that().resideInAPackage("io.budgetwatch.execution.contract..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("io.budgetwatch.execution.contract..",
                        "io.budgetwatch.events..", "io.budgetwatch.common.problem..", "io.budgetwatch.common.text..", "java..",
                        "com.fasterxml.jackson..")
                .because("the contract decides what a record is, with no I/O, and every path uses it")
                .check(service);
    }

    @Test
    void noOtherServiceIsUsed() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("io.budgetwatch.goals..",
                        "io.budgetwatch.reporting..")
                .because("services share only the event contracts and service-common")
                .check(service);
    }
}
