package io.budgetwatch.reporting.alert;

import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

import java.util.function.Supplier;

/**
 * Runs reactive work on a new, empty, safe Vert.x duplicated context: what Hibernate Reactive Panache needs to open a
 * session ({@code @WithSession}/{@code @WithTransaction}) where no request gave one: the scheduler's and the tests'
 * calls, and the steps that resume on the HTTP client's threads. A new context per call keeps concurrent work from
 * sharing a session (a session is bound to one context and must not be used concurrently).
 */
final class IsolatedContext {

    private IsolatedContext() {
    }

    static <T> Uni<T> run(Vertx vertx, Supplier<Uni<T>> work) {
        return Uni.createFrom().emitter(emitter -> {
            Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
            VertxContextSafetyToggle.setContextSafe(context, true);
            context.runOnContext(ignored -> {
                Uni<T> uni;
                try {
                    uni = work.get();
                } catch (Throwable failure) {
                    emitter.fail(failure);
                    return;
                }
                uni.subscribe().with(emitter::complete, emitter::fail);
            });
        });
    }
}
