package io.budgetwatch.goals.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** The structure of goals-service, held: a failing rule names the class and the dependency. */
class ArchitectureTest {

    private static JavaClasses service;

    @BeforeAll
    static void importService() {
        service = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.budgetwatch.goals");
    }

    @Test
    void resourcesHoldNoSql() {
        noClasses().that().areAnnotatedWith(jakarta.ws.rs.Path.class).or().haveSimpleNameEndingWith("Resource")
                .should().dependOnClassesThat().resideInAnyPackage("io.vertx.mutiny.sqlclient..", "io.vertx.sqlclient..",
                        "io.vertx.pgclient..", "io.vertx.mutiny.pgclient..")
                .because("SQL lives in the feature's repository; a resource calls services and repositories")
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
        // every package its own slice: the pure document.parse is beneath both document and departmentgoal
        slices().matching("io.budgetwatch.goals.(**)").should().beFreeOfCycles().check(service);
    }

    @Test
    void theDocumentParserIsPure() {
        classes().that().resideInAPackage("io.budgetwatch.goals.document.parse..")
                .should().onlyDependOnClassesThat().resideOutsideOfPackages("io.vertx..", "io.smallrye.mutiny..",
                        "jakarta.ws.rs..", "io.budgetwatch.goals.project..", "io.budgetwatch.goals.adjustment..")
                .because("parsing a goal document is a pure decision, tested alone (no I/O, no features)")
                .check(service);
    }

    @Test
    void noOtherServiceIsUsed() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("io.budgetwatch.execution..",
                        "io.budgetwatch.reporting..")
                .because("services share only the event contracts and service-common")
                .check(service);
    }
}
