package io.budgetwatch.goals.project;

import io.budgetwatch.common.security.AccessProblems;
import io.budgetwatch.common.security.Caller;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The agency wall around one project: a caller sees a project when it sees the agency that runs it or
 * the agency whose goal document lists it. Any other project answers 404, the same as one that does not
 * exist, so that the codes of other agencies' projects cannot be probed.
 */
@ApplicationScoped
public class ProjectAccess {

    @Inject
    ProjectRepository projects;

    public Uni<Void> requireVisible(String code, Caller caller) {
        return projects.agenciesOf(code).map(agencies -> {
            if (agencies == null) {
                throw ProjectProblems.notFound(code);
            }
            if (!(caller.sees(agencies.get(0)) || caller.sees(agencies.get(1)))) {
                throw AccessProblems.hidden(ProjectProblems.notFound(code), "project " + code);
            }
            return null;
        });
    }
}
