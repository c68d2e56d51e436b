package io.budgetwatch.goals.architecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.budgetwatch.testsupport.ServiceArchitecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

/** The structure of goals-service, checked on its compiled classes: a failing rule names the class. */
@AnalyzeClasses(packages = "io.budgetwatch.goals", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule resourcesHoldNoSql = ServiceArchitecture.resourcesHoldNoSql();

    @ArchTest
    static final ArchRule resourcesCallNoOtherResource = ServiceArchitecture.resourcesCallNoOtherResource();

    /** Every package its own slice: the pure document.parse is beneath both document and departmentgoal. */
    @ArchTest
    static final ArchRule packagesHaveNoCycles = ServiceArchitecture.noCyclesBetween("io.budgetwatch.goals.(**)");

    @ArchTest
    static final ArchRule noOtherServiceIsUsed = ServiceArchitecture.usesNoOtherService("goals");

    @ArchTest
    static final ArchRule theDocumentParserIsPure = classes().that().resideInAPackage("io.budgetwatch.goals.document.parse..")
            .should().onlyDependOnClassesThat().resideOutsideOfPackages("io.vertx..", "io.smallrye.mutiny..",
                    "jakarta.ws.rs..", "io.budgetwatch.goals.project..", "io.budgetwatch.goals.adjustment..")
            .because("parsing a goal document is a pure decision, tested alone (no I/O, no features)");
}
