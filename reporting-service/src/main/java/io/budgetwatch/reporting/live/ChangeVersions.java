package io.budgetwatch.reporting.live;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What this instance has heard change, as version numbers: one per agency and fiscal year (any committed change of
 * its read model: payments, projects, alerts, indicators, explanations) and one per fiscal year for its set of
 * projects. {@link LiveFeed} advances them as it hears the notices of {@link LiveNotices}, before any stream sees the
 * change, so a page that re-fetches on a live message never gets an answer older than the message.
 * <p>
 * A {@link Stamp} taken before reading the database names the versions that reading saw; an answer computed from
 * that reading stays {@link #fresh} as long as nothing of its agency (or year) was heard since. Nothing is fresh while
 * the listener is not listening (notices sent then are lost), after it listens again, after a read-model reset, or
 * past {@link ReadCacheSettings#maxAge()} (a safety net for a connection that died without a word).
 */
@ApplicationScoped
public class ChangeVersions {

    @Inject
    Clock clock;

    @Inject
    ReadCacheSettings settings;

    private final AtomicLong counter = new AtomicLong();
    private final Map<Object, Long> versions = new ConcurrentHashMap<>();
    private volatile long epoch;
    private volatile boolean listening;

    private record AgencyYear(String agencyCode, int fiscalYear) {
    }

    private record ProjectsOfYear(int fiscalYear) {
    }

    /** The versions an answer was computed at. */
    public record Stamp(long epoch, Object key, long version, Instant taken) {
    }

    /** Before reading an agency's year. */
    public Stamp agency(String agencyCode, int fiscalYear) {
        return stamp(new AgencyYear(agencyCode, fiscalYear));
    }

    /** Before reading which projects (and agencies) a fiscal year has. */
    public Stamp projectsOf(int fiscalYear) {
        return stamp(new ProjectsOfYear(fiscalYear));
    }

    /** Whether an answer computed at the stamp still is the answer now. */
    public boolean fresh(Stamp stamp) {
        return settings.enabled() && listening && stamp.epoch() == epoch
                && versions.getOrDefault(stamp.key(), 0L) == stamp.version()
                && stamp.taken().plus(settings.maxAge()).isAfter(clock.instant());
    }

    private Stamp stamp(Object key) {
        return new Stamp(epoch, key, versions.getOrDefault(key, 0L), clock.instant());
    }

    void heard(LiveChange change) {
        long version = counter.incrementAndGet();
        versions.put(new AgencyYear(change.agencyCode(), change.fiscalYear()), version);
        if (LiveNotices.Kind.PROJECT.wire().equals(change.type())) {
            versions.put(new ProjectsOfYear(change.fiscalYear()), version);
        }
    }

    /** The listener listens (again): what was computed before may have missed notices. */
    void listening() {
        reset();
        listening = true;
    }

    void notListening() {
        listening = false;
        reset();
    }

    /** Everything computed so far is stale (the read model was emptied and is being replayed). */
    void reset() {
        epoch = counter.incrementAndGet();
        versions.clear();
    }
}
