package io.budgetwatch.reporting.live;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.pubsub.PgSubscriber;
import io.vertx.pgclient.PgConnectOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * This instance's one listening connection ({@code LISTEN budgetwatch_live}, Vert.x {@link PgSubscriber}) and the
 * in-process broadcast of what it hears to every open stream. The connection is its own, outside the pool, and comes
 * back by itself with a growing pause (up to {@link LiveSettings#maxReconnectBackoff()}) whenever it is lost.
 * Notices sent while it was away are lost with it: when it listens again every open stream is ended, so the browsers
 * connect again and their pages re-fetch what they show.
 */
@ApplicationScoped
public class LiveFeed {

    private static final Logger LOG = Logger.getLogger(LiveFeed.class);

    @Inject
    Vertx vertx;

    @Inject
    ObjectMapper mapper;

    @Inject
    LiveSettings settings;

    @Inject
    ChangeVersions versions;

    @ConfigProperty(name = "quarkus.datasource.reactive.url")
    String url;

    @ConfigProperty(name = "quarkus.datasource.username")
    Optional<String> user;

    @ConfigProperty(name = "quarkus.datasource.password")
    Optional<String> password;

    private final AtomicReference<BroadcastProcessor<LiveChange>> broadcast =
            new AtomicReference<>(BroadcastProcessor.create());
    private final AtomicInteger listens = new AtomicInteger();
    private PgSubscriber subscriber;

    void start(@Observes StartupEvent event) {
        PgConnectOptions options = PgConnectOptions.fromUri(url);
        user.ifPresent(options::setUser);
        password.ifPresent(options::setPassword);
        subscriber = PgSubscriber.subscriber(vertx, options)
                .reconnectPolicy(attempt -> backoff(attempt).toMillis());
        subscriber.closeHandler(() -> {
            versions.notListening();
            LOG.info("Live updates: the listener is closed");
        });
        subscriber.channel(LiveNotices.CHANNEL)
                .subscribeHandler(this::listening)
                .handler(this::heard);
        subscriber.connect()
                .onFailure().invoke(e -> LOG.warnf("Live updates: cannot listen yet (%s), trying again", e.toString()))
                .onFailure().retry().withBackOff(backoff(0), settings.maxReconnectBackoff()).indefinitely()
                .subscribe().with(ok -> { }, e -> LOG.error("Live updates: listening failed", e));
    }

    void stop(@Observes ShutdownEvent event) {
        if (subscriber != null) {
            subscriber.closeAndForget();
        }
        broadcast.get().onComplete();
    }

    /** How many times the listener has (re)started listening: 0 until the first LISTEN, more after reconnects. */
    public int listens() {
        return listens.get();
    }

    /** Every change committed from now on, until this instance's listener reconnects (then the stream completes). */
    public Multi<LiveChange> changes() {
        return broadcast.get();
    }

    private void listening() {
        versions.listening();
        if (listens.incrementAndGet() > 1) {
            LOG.info("Live updates: listening again; ending the open streams so that their pages re-fetch");
            broadcast.getAndSet(BroadcastProcessor.create()).onComplete();
        } else {
            LOG.infof("Live updates: listening on %s", LiveNotices.CHANNEL);
        }
    }

    private void heard(String payload) {
        LiveChange change;
        try {
            change = mapper.readValue(payload, LiveChange.class);
        } catch (Exception e) {
            LOG.warnf("Live updates: ignoring an unreadable notice (%s): %.200s", e.getMessage(), payload);
            return;
        }
        if (LiveNotices.RESET.equals(change.type())) {
            versions.reset();
            LOG.info("Live updates: the read model was emptied; ending the open streams so that their pages re-fetch");
            broadcast.getAndSet(BroadcastProcessor.create()).onComplete();
            return;
        }
        if (change.type() == null || change.agencyCode() == null || change.fiscalYear() == null) {
            LOG.warnf("Live updates: ignoring an incomplete notice: %.200s", payload);
            return;
        }
        versions.heard(change); // before any stream: a page re-fetching on this message gets a newer answer
        broadcast.get().onNext(change);
    }

    private Duration backoff(int attempt) {
        Duration pause = Duration.ofMillis(500L << Math.min(attempt, 10));
        return pause.compareTo(settings.maxReconnectBackoff()) > 0 ? settings.maxReconnectBackoff() : pause;
    }
}
