package io.budgetwatch.testsupport;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchRule;

import java.util.List;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The architecture rules every service holds, in one place; each service's {@code ArchitectureTest} checks them on its
 * compiled classes (and adds its own). A failing rule names the class and the dependency.
 */
public final class ServiceArchitecture {

    private static final List<String> SERVICES = List.of("goals", "execution", "reporting");

    private ServiceArchitecture() {
    }

    /** A REST resource: named *Resource or annotated with @Path. */
    public static final DescribedPredicate<JavaClass> RESOURCES = DescribedPredicate.describe(
            "are REST resources (named *Resource or annotated with @Path)",
            c -> c.getSimpleName().endsWith("Resource") || c.isAnnotatedWith("jakarta.ws.rs.Path"));

    public static ArchRule resourcesHoldNoSql() {
        return noClasses().that(RESOURCES)
                .should().dependOnClassesThat(resideInAnyPackage("io.vertx.mutiny.sqlclient..", "io.vertx.sqlclient..",
                        "io.vertx.mutiny.pgclient..", "io.vertx.pgclient..", "org.hibernate.."))
                .because("SQL and queries have their home in the stores and repositories beside each feature; "
                        + "resources call services, stores and repositories only");
    }

    public static ArchRule resourcesCallNoOtherResource() {
        return noClasses().that(RESOURCES).should().dependOnClassesThat(RESOURCES)
                .because("what two endpoints share belongs in a service or a store");
    }

    /** No cycle between the packages {@code slicePattern} cuts (e.g. {@code io.budgetwatch.goals.(*)..}). */
    public static ArchRule noCyclesBetween(String slicePattern) {
        return slices().matching(slicePattern).should().beFreeOfCycles();
    }

    /** {@code service} (goals, execution or reporting) uses no code of the other services. */
    public static ArchRule usesNoOtherService(String service) {
        String[] others = SERVICES.stream().filter(s -> !s.equals(service)).map(s -> "io.budgetwatch." + s + "..")
                .toArray(String[]::new);
        return noClasses().should().dependOnClassesThat().resideInAnyPackage(others)
                .because("services know each other only through the event contracts (io.budgetwatch.events) and the "
                        + "shared platform code");
    }
}
