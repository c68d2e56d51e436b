package io.budgetwatch.common.persistence;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.function.Supplier;

/**
 * Runs Hibernate Reactive Panache work in a session or a transaction, from any thread.
 *
 * <p>Panache binds its session to a safe Vert.x duplicated context and refuses to run elsewhere. A
 * REST call is already on one; a caller on a worker thread (a parse that finished on the worker
 * pool, a scheduled job, a test) is not. Work started here runs on the caller's context when it is
 * one, otherwise on a new safe duplicated context. Inside an open transaction, {@link #inTransaction}
 * joins it.
 */
@ApplicationScoped
public class Transactions {

    @Inject
    Vertx vertx;

    /** {@code work} in one transaction: committed when its Uni succeeds, rolled back when it fails. */
    public <T> Uni<T> inTransaction(Supplier<Uni<T>> work) {
        return onSafeContext(() -> Panache.withTransaction(work));
    }

    /** {@code work} in a session without a transaction (reads). */
    public <T> Uni<T> inSession(Supplier<Uni<T>> work) {
        return onSafeContext(() -> Panache.withSession(work));
    }

    /**
     * {@code work} on a new safe duplicated context of its own, whatever the caller's: calls that run at
     * the same time (webhook deliveries in flight) never share a session. {@code work} opens its session,
     * e.g. through {@code @WithTransaction} methods.
     */
    public <T> Uni<T> onOwnContext(Supplier<Uni<T>> work) {
        return Uni.createFrom().emitter(emitter -> {
            Context fresh = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
            VertxContextSafetyToggle.setContextSafe(fresh, true);
            fresh.runOnContext(ignored -> {
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

    private <T> Uni<T> onSafeContext(Supplier<Uni<T>> work) {
        return Uni.createFrom().deferred(() -> {
            Context current = Vertx.currentContext();
            if (current != null && Context.isOnEventLoopThread() && VertxContext.isDuplicatedContext(current)
                    && !VertxContextSafetyToggle.isExplicitlyMarkedAsUnsafe(current)) {
                return work.get();
            }
            return onOwnContext(work);
        });
    }
}
