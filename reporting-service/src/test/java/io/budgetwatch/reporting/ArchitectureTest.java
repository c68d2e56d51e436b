package io.budgetwatch.reporting;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import jakarta.ws.rs.Path;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The shape of reporting-service, checked on its compiled classes by {@code ./mvnw verify}: each rule names the
 * offending class and dependency when it fails.
 */
@AnalyzeClasses(packages = "io.budgetwatch.reporting", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    /** A REST resource: named *Resource or annotated with @Path. */
    static final DescribedPredicate<JavaClass> RESOURCES = DescribedPredicate.describe(
            "are REST resources (named *Resource or annotated with @Path)",
            c -> c.getSimpleName().endsWith("Resource") || c.isAnnotatedWith(Path.class));

    @ArchTest
    static final ArchRule resourcesDoNotTouchTheDatabase = noClasses().that(RESOURCES)
            .should().dependOnClassesThat(resideInAnyPackage("io.vertx.mutiny.sqlclient..", "io.vertx.sqlclient..",
                    "io.vertx.mutiny.pgclient..", "io.vertx.pgclient.."))
            .because("SQL has its home in the stores and repositories beside each feature; resources call "
                    + "services and stores only");

    @ArchTest
    static final ArchRule resourcesDoNotDependOnOtherResources = noClasses().that(RESOURCES)
            .should().dependOnClassesThat(RESOURCES)
            .because("what two endpoints share belongs in a service, a store or the evaluation package");

    @ArchTest
    static final ArchRule featurePackagesAreFreeOfCycles = slices().matching("io.budgetwatch.reporting.(*)..")
            .should().beFreeOfCycles();

    @ArchTest
    static final ArchRule noCodeOfTheOtherServices = noClasses().that().resideInAPackage("io.budgetwatch.reporting..")
            .should().dependOnClassesThat().resideInAnyPackage("io.budgetwatch.goals..", "io.budgetwatch.execution..")
            .because("reporting-service knows the other services only through the event contracts "
                    + "(io.budgetwatch.events) and the shared platform code");
}
