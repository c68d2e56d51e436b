package io.budgetwatch.reporting.explanation;

import io.budgetwatch.reporting.alert.ExplanationLookup;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** The explanations' projects, as an acknowledgement of an alert checks the explanation it names. */
@ApplicationScoped
public class ExplanationProjects implements ExplanationLookup {

    @Inject
    ExplanationRepository explanations;

    @Override
    public Uni<String> projectOf(String explanationId) {
        return explanations.findById(explanationId).map(e -> e == null ? null : e.projectCode());
    }
}
