package io.budgetwatch.reporting;

import io.budgetwatch.testsupport.SuiteTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;

/** Every test of this module runs against the JVM's real broker and the "reporting" test database. */
@WithTestResource(value = SuiteTestResource.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "database", value = "reporting"))
public final class ReportingTestInfrastructure {
    private ReportingTestInfrastructure() {
    }
}
