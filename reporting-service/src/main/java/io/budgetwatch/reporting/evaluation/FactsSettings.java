package io.budgetwatch.reporting.evaluation;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How the rules' facts are loaded. */
@ConfigMapping(prefix = "budgetwatch.facts")
public interface FactsSettings {

    /**
     * Parsed project snapshots kept in memory by project code and version, so an evaluation of every project
     * neither transfers nor parses each stored snapshot again (about 3 KB of JSON each). 0 turns it off.
     */
    @WithDefault("20000")
    int snapshotCacheSize();
}
