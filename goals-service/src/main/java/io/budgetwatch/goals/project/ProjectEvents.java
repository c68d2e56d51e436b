package io.budgetwatch.goals.project;

import io.budgetwatch.common.outbox.Outbox;
import io.budgetwatch.events.ProjectSnapshot;
import io.budgetwatch.events.Topics;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/**
 * Records a new project version and publishes it: the snapshot is read back from the rows just
 * written (so the event says exactly what the database holds), kept in project_version, and enqueued
 * in the outbox, all in the caller's transaction (its Hibernate Reactive session).
 */
@ApplicationScoped
public class ProjectEvents {

    public static final String CAUSE_DOCUMENT = "document";
    public static final String CAUSE_ADJUSTMENT = "adjustment";

    @Inject
    ProjectRepository projects;

    @Inject
    Outbox outbox;

    @Inject
    Clock clock;

    public Uni<ProjectSnapshot> publishCurrentVersion(String code, String cause, UUID documentId,
                                                      Integer adjustmentSeq) {
        Instant now = clock.instant();
        return projects.load(code).flatMap(state -> {
            ProjectSnapshot snapshot = state.toSnapshot(now);
            return projects.insertVersion(code, state.version(), cause, documentId, adjustmentSeq,
                            snapshot.eventId(), outbox.toJson(snapshot), now)
                    .chain(projects::getSession)
                    .flatMap(session -> outbox.enqueue(session, Topics.PROJECTS, code, snapshot.eventId(), snapshot))
                    .replaceWith(snapshot);
        });
    }
}
