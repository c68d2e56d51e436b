package io.budgetwatch.goals;

import io.budgetwatch.testsupport.SuiteTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;

/** Every test of this module runs against the JVM's real broker and the "goals" test database. */
@WithTestResource(value = SuiteTestResource.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "database", value = "goals"))
public final class GoalsTestInfrastructure {
    private GoalsTestInfrastructure() {
    }
}
