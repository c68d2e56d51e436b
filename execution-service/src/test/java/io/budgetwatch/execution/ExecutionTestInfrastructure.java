package io.budgetwatch.execution;

import io.budgetwatch.testsupport.SuiteTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;

/** Every test of this module runs against the JVM's real broker and the "execution" test database. */
@WithTestResource(value = SuiteTestResource.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "database", value = "execution"))
public final class ExecutionTestInfrastructure {
    private ExecutionTestInfrastructure() {
    }
}
