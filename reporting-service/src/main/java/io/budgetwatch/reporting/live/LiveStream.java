package io.budgetwatch.reporting.live;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.budgetwatch.common.security.Caller;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.BackPressureFailure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import org.jboss.logging.Logger;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;

/**
 * One caller's stream: the {@link LiveFeed}'s changes of the agencies the caller sees ({@link Caller#sees}), merged
 * with the heartbeat. A client that falls {@link LiveSettings#clientBuffer()} messages behind has its stream ended
 * (its EventSource reconnects and its page re-fetches) instead of holding up the others or growing the heap; the
 * stream also ends when this instance's listener had to reconnect ({@link LiveFeed}) and when the caller's token
 * expires (the browser reconnects through the sign-in, and the caller's roles and agencies are read again).
 */
@ApplicationScoped
public class LiveStream {

    private static final Logger LOG = Logger.getLogger(LiveStream.class);
    static final String EVENT = "change";
    static final String PING = " ping";

    @Inject
    LiveFeed feed;

    @Inject
    LiveSettings settings;

    @Inject
    ObjectMapper mapper;

    /**
     * {@code caller} must be a snapshot: the stream outlives the request. It ends at {@code expires} (the expiry of the
     * caller's token; null: never), measured on the system clock as the token's verification is, not on the business
     * clock.
     */
    public Multi<OutboundSseEvent> of(Caller caller, Sse sse, Instant expires) {
        OutboundSseEvent end = sse.newEventBuilder().comment("end").build(); // never sent: marks the changes' end
        Multi<OutboundSseEvent> changes = feed.changes()
                .select().where(change -> caller.sees(change.agencyCode()))
                .onOverflow().buffer(settings.clientBuffer())
                .onFailure(BackPressureFailure.class).invoke(() -> LOG.infof(
                        "Live updates: %s reads too slowly, ending the stream", caller.name()))
                .onFailure(BackPressureFailure.class).recoverWithCompletion()
                .map(change -> sse.newEventBuilder().name(EVENT).mediaType(MediaType.TEXT_PLAIN_TYPE)
                        .data(String.class, json(change)).build())
                .onCompletion().continueWith(end);
        OutboundSseEvent first = sse.newEventBuilder().comment(PING)
                .reconnectDelay(settings.reconnectDelay().toMillis()).build();
        Multi<OutboundSseEvent> pings = Multi.createBy().concatenating().streams(Multi.createFrom().item(first),
                Multi.createFrom().ticks().every(settings.heartbeat()).onOverflow().drop()
                        .map(tick -> sse.newEventBuilder().comment(PING).build()));
        // the changes are subscribed first: a change committed after the first ping arrived is on the stream
        Multi<OutboundSseEvent> stream = Multi.createBy().merging().streams(changes, pings)
                .select().first(event -> event != end);
        if (expires == null) {
            return stream;
        }
        Duration left = Duration.between(Instant.now(), expires);
        return stream.select().first(left.isNegative() || left.isZero() ? Duration.ofMillis(1) : left);
    }

    private String json(LiveChange change) {
        try {
            return mapper.writeValueAsString(change);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
