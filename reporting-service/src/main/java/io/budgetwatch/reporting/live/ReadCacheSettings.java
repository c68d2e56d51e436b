package io.budgetwatch.reporting.live;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/**
 * The answers kept between requests (the bureau's agency lines, the agency overview) for as long as nothing of
 * theirs changed, as the live listener hears it ({@link ChangeVersions}).
 */
@ConfigMapping(prefix = "budgetwatch.read-cache")
public interface ReadCacheSettings {

    /** Off: every request reads the database. */
    @WithDefault("true")
    boolean enabled();

    /** The longest an answer is kept even when nothing was heard (in case the listening connection died silently). */
    @WithDefault("5m")
    Duration maxAge();

    /** Answers kept per kind; all of a kind are dropped when full (the next requests compute them again). */
    @WithDefault("20000")
    int capacity();
}
