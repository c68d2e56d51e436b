package io.budgetwatch.reporting;

import io.budgetwatch.reporting.ledger.ExecutionStub;
import io.budgetwatch.testsupport.SuiteTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;

/**
 * Every test of this module runs against the JVM's real broker, the "reporting" test database and a
 * real webhook receiver and a real HTTP server in execution-service's place (the ledger it is asked for).
 */
@WithTestResource(value = SuiteTestResource.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "database", value = "reporting"))
@WithTestResource(value = WebhookReceiver.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = ExecutionStub.class, scope = TestResourceScope.GLOBAL)
public final class ReportingTestInfrastructure {
    private ReportingTestInfrastructure() {
    }
}
