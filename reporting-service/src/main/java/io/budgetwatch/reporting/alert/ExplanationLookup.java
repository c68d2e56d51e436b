package io.budgetwatch.reporting.alert;

import io.smallrye.mutiny.Uni;

/**
 * Which project a deviation explanation (偏差原因分析) is about, for an acknowledgement that names one. Implemented by
 * the explanation feature, which depends on the alerts (an explanation may answer an alert), not the other way round.
 * Called inside the acknowledgement's transaction (the current Hibernate Reactive session).
 */
public interface ExplanationLookup {

    /** The project code of the explanation; null when there is no explanation of that id. */
    Uni<String> projectOf(String explanationId);
}
