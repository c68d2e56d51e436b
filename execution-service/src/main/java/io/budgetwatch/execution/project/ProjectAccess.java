package io.budgetwatch.execution.project;

import io.budgetwatch.common.problem.ProblemException;
import io.budgetwatch.common.security.AccessProblems;
import io.budgetwatch.common.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Optional;

/**
 * The agency wall around one project, as execution-service knows projects: a project belongs to the
 * agency of its latest snapshot on goals.projects (the {@link ProjectCatalog}, in memory, no database
 * round trip). A caller sees a project when it sees that agency; another agency's project answers 404,
 * the same body as a project that does not exist, so that other agencies' project codes cannot be probed.
 * <p>
 * A project the catalog does not know has no agency here. Callers who see every agency (a supervisor,
 * auditor or administrator without an agency claim) get the endpoint's own answer, as before access
 * control; any other caller gets that same 404: nothing of it can be shown as theirs. Payments and
 * indicator reports are only ever booked on known projects, so this hides nothing of an agency's own.
 * Reads do not make the catalog catch up with goals.projects (a Kafka round trip any caller could
 * trigger at will); a project published a moment ago is visible once the catalog has read it.
 */
@ApplicationScoped
public class ProjectAccess {

    @Inject
    ProjectCatalog catalog;

    /** The 404 of an unknown project, and of another agency's. */
    public static ProblemException notFound(String code) {
        return ProblemException.notFound("project-not-found", "code", "项目 " + code + " 不存在",
                "No project " + code);
    }

    /** Throws the 404 unless {@code caller} may see the project. */
    public void requireVisible(String code, Caller caller) {
        Optional<KnownProject> project = catalog.find(code);
        if (project.isEmpty()) {
            if (!caller.seesAllAgencies()) {
                throw notFound(code);
            }
            return;
        }
        if (!caller.sees(project.get().agencyCode())) {
            throw AccessProblems.hidden(notFound(code), "project " + code);
        }
    }

    /** Whether {@code caller} may see the project (for filtering what an answer lists). */
    public boolean visible(String code, Caller caller) {
        Optional<KnownProject> project = catalog.find(code);
        return project.isEmpty() ? caller.seesAllAgencies() : caller.sees(project.get().agencyCode());
    }
}
