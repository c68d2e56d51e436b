package io.budgetwatch.testsupport;

import io.quarkus.test.junit.callback.QuarkusTestBeforeEachCallback;
import io.quarkus.test.junit.callback.QuarkusTestMethodContext;
import io.restassured.RestAssured;

/**
 * Makes every REST Assured request of a {@code @QuarkusTest} carry a token with every role and all
 * agencies ({@link TestTokens#superuser()}), so that tests about something else than access need no token
 * of their own: a filter adds it to a request that has no {@code Authorization} header. A test about
 * access sets its own header, or sends none with {@code given().noFilters()}.
 * Registered as a Quarkus test callback (META-INF/services), so it runs in the test's own class loader,
 * where its REST Assured lives.
 */
public class SignedInByDefault implements QuarkusTestBeforeEachCallback {

    @Override
    public void beforeEach(QuarkusTestMethodContext context) {
        String token = TestTokens.superuser();
        RestAssured.replaceFiltersWith((request, response, filterContext) -> {
            if (!request.getHeaders().hasHeaderWithName("Authorization")) {
                request.header("Authorization", "Bearer " + token);
            }
            return filterContext.next(request, response);
        });
    }
}
