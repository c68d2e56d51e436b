package io.budgetwatch.reporting;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.budgetwatch.testsupport.ServiceArchitecture;

/**
 * The shape of reporting-service, checked on its compiled classes by {@code ./mvnw verify}: each rule names the
 * offending class and dependency when it fails.
 */
@AnalyzeClasses(packages = "io.budgetwatch.reporting", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule resourcesDoNotTouchTheDatabase = ServiceArchitecture.resourcesHoldNoSql();

    @ArchTest
    static final ArchRule resourcesDoNotDependOnOtherResources = ServiceArchitecture.resourcesCallNoOtherResource();

    @ArchTest
    static final ArchRule featurePackagesAreFreeOfCycles =
            ServiceArchitecture.noCyclesBetween("io.budgetwatch.reporting.(*)..");

    @ArchTest
    static final ArchRule noCodeOfTheOtherServices = ServiceArchitecture.usesNoOtherService("reporting");
}
