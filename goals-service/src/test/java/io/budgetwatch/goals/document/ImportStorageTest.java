package io.budgetwatch.goals.document;

import io.budgetwatch.common.problem.ProblemException;
import io.budgetwatch.events.ProjectSnapshot;
import io.budgetwatch.goals.adjustment.BudgetAdjustmentRequest;
import io.budgetwatch.goals.adjustment.BudgetAdjustmentService;
import io.budgetwatch.goals.document.parse.ParsedDocument;
import io.budgetwatch.goals.document.parse.ParsedProject;
import io.budgetwatch.goals.project.ProjectRepository;
import io.budgetwatch.goals.project.ProjectState;
import io.budgetwatch.goals.support.GoalsDb;
import io.budgetwatch.goals.support.Hashing;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static io.budgetwatch.goals.support.TestParsedDocuments.document;
import static io.budgetwatch.goals.support.TestParsedDocuments.project;
import static io.budgetwatch.goals.support.TestParsedDocuments.withBudget;
import static io.budgetwatch.goals.support.TestParsedDocuments.withName;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The storage half of the import, fed with hand-built parse results: versions, adjustments, the
 * duplicate check and the refusals that must leave the database untouched. Each test uses its own
 * agency and project codes.
 */
@QuarkusTest
class ImportStorageTest {

    private static final String MEDIA = "text/plain; charset=utf-8";

    @Inject
    GoalDocumentImporter importer;

    @Inject
    ProjectRepository projects;

    @Inject
    BudgetAdjustmentService adjustmentService;

    @Inject
    GoalsDb db;

    private static <T> T await(Uni<T> uni) {
        return uni.await().atMost(Duration.ofSeconds(30));
    }

    private GoalDocumentImporter.ImportOutcome store(ParsedDocument doc, String content) {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        return await(importer.store(doc, bytes, MEDIA, Hashing.sha256(bytes)));
    }

    private ProjectState load(String code) {
        return await(projects.load(code));
    }

    @Test
    void sameBytesAgainAreANoOpWithTheSameReport() {
        ParsedDocument doc = document("990001", 2021, List.of(
                project(1, "13030321S1AAAAAAAAAA1", "公务用车运行维护", "4000.00", "4000.00", "0"),
                project(2, "13030321S1AAAAAAAAAA2", "统战工作经费", "220000.00", "200000.00", "20000.00")));
        GoalDocumentImporter.ImportOutcome first = store(doc, "document one");
        assertTrue(first.created());
        assertEquals(1, first.report().version());
        assertEquals(new BigDecimal("224000.00"), first.report().totalBudget());
        assertEquals(List.of("13030321S1AAAAAAAAAA1", "13030321S1AAAAAAAAAA2"), first.report().createdProjects());
        assertEquals(4, first.report().indicatorCount());
        Map<String, Long> before = db.counts();

        GoalDocumentImporter.ImportOutcome again = store(doc, "document one");
        assertFalse(again.created());
        assertEquals(first.report(), again.report());
        assertEquals(before, db.counts());

        ProjectState p2 = load("13030321S1AAAAAAAAAA2");
        assertEquals(1, p2.version());
        assertEquals(new ProjectSnapshot.Budget(new BigDecimal("220000.00"), new BigDecimal("200000.00"),
                new BigDecimal("20000.00")), p2.budget());
        assertEquals("≤6万元", p2.indicators().get(1).targetRaw());
        assertEquals(0, new BigDecimal("60000").compareTo(p2.indicators().get(1).target().baseValue()));
        assertEquals(LocalDate.of(2021, 10, 31), p2.plan().get(2).checkpoint());
        assertEquals(List.of("公务用车正常运转", "公务用车正常运转"), p2.goals());
        assertEquals(1, db.scalar("SELECT count(*) FROM outbox WHERE event_id = '13030321S1AAAAAAAAAA2:v1'"));
    }

    @Test
    void aChangedDocumentVersionsChangedProjectsRecordsTheBudgetChangeAndKeepsDroppedProjects() {
        ParsedProject a = project(1, "13030321S2AAAAAAAAAA1", "项目甲", "4000.00", "4000.00", "0");
        ParsedProject b = project(2, "13030321S2AAAAAAAAAA2", "项目乙", "50000.00", "50000.00", "0");
        ParsedProject c = project(3, "13030321S2AAAAAAAAAA3", "项目丙", "60000.00", "60000.00", "0");
        GoalDocumentImporter.ImportOutcome v1 = store(document("990002", 2021, List.of(a, b, c)), "v1");
        ParsedProject d = project(3, "13030321S2AAAAAAAAAA4", "项目丁", "1000.00", "1000.00", "0");
        GoalDocumentImporter.ImportOutcome v2 = store(document("990002", 2021,
                List.of(withBudget(a, "5000.00", "4500.00", "500.00"), b, d)), "v2");

        assertTrue(v2.created());
        assertEquals(2, v2.report().version());
        assertNotEquals(v1.report().documentId(), v2.report().documentId());
        assertEquals(List.of("13030321S2AAAAAAAAAA1"), v2.report().changedProjects());
        assertEquals(List.of("13030321S2AAAAAAAAAA2"), v2.report().unchangedProjects());
        assertEquals(List.of("13030321S2AAAAAAAAAA4"), v2.report().createdProjects());
        assertEquals(List.of("13030321S2AAAAAAAAAA3"), v2.report().notListedProjects());
        assertEquals(1, v2.report().budgetAdjustments().size());
        assertEquals(new BigDecimal("4000.00"), v2.report().budgetAdjustments().get(0).previousTotal());

        ProjectState changed = load("13030321S2AAAAAAAAAA1");
        assertEquals(2, changed.version());
        assertEquals(new BigDecimal("5000.00"), changed.budget().total());
        assertEquals(new BigDecimal("4000.00"), changed.originalBudget().total());
        assertEquals(1, changed.adjustments().size());
        ProjectSnapshot.BudgetAdjustment adjustment = changed.adjustments().get(0);
        assertEquals("document", adjustment.source());
        assertEquals(2, adjustment.documentVersion());
        assertEquals("目标文档第2版 / goal document version 2", adjustment.reason());
        assertEquals(LocalDate.of(2021, 7, 1), adjustment.effectiveOn());
        assertEquals(v2.report().documentId(), changed.sourceDocumentId());

        assertEquals(1, load("13030321S2AAAAAAAAAA2").version());
        assertEquals(v2.report().documentId(), load("13030321S2AAAAAAAAAA2").lastDocumentId());

        ProjectState dropped = load("13030321S2AAAAAAAAAA3");
        assertEquals(2, dropped.version());
        assertFalse(dropped.inLatestDocument());
        assertEquals(new BigDecimal("60000.00"), dropped.budget().total());

        String oldSnapshot = await(projects.versionSnapshot("13030321S2AAAAAAAAAA1", 1));
        assertTrue(oldSnapshot.contains("\"total\":\"4000.00\""), oldSnapshot);
        assertTrue(oldSnapshot.contains("\"eventId\":\"13030321S2AAAAAAAAAA1:v1\""), oldSnapshot);
        assertEquals(1, db.scalar("SELECT count(*) FROM outbox WHERE event_id = '13030321S2AAAAAAAAAA3:v2' "
                + "AND payload LIKE '%\"inLatestDocument\":false%'"));

        // listed again later: flagged back, new version
        store(document("990002", 2021, List.of(withBudget(a, "5000.00", "4500.00", "500.00"), b, c, d)), "v3");
        ProjectState back = load("13030321S2AAAAAAAAAA3");
        assertTrue(back.inLatestDocument());
        assertEquals(3, back.version());
    }

    @Test
    void aManualAdjustmentSurvivesADocumentThatDoesNotChangeItsOwnFigure() {
        ParsedProject a = project(1, "13030321S3AAAAAAAAAA1", "项目甲", "4000.00", "4000.00", "0");
        store(document("990003", 2021, List.of(a)), "v1");
        await(adjustmentService.adjust("13030321S3AAAAAAAAAA1", new BudgetAdjustmentRequest(
                new BigDecimal("4500"), new BigDecimal("4500"), BigDecimal.ZERO, "追加预算",
                LocalDate.of(2021, 6, 15), "财务科"), null));
        assertEquals(new BigDecimal("4500.00"), load("13030321S3AAAAAAAAAA1").budget().total());

        // v2 renames the project but keeps the document's budget figure: the manual adjustment stays
        GoalDocumentImporter.ImportOutcome v2 = store(document("990003", 2021, List.of(withName(a, "项目甲（更名）"))),
                "v2");
        assertEquals(List.of(), v2.report().budgetAdjustments());
        ProjectState renamed = load("13030321S3AAAAAAAAAA1");
        assertEquals(3, renamed.version());
        assertEquals("项目甲（更名）", renamed.name());
        assertEquals(new BigDecimal("4500.00"), renamed.budget().total());

        // v3 changes the document's figure: that is a new adjustment from the current budget
        store(document("990003", 2021, List.of(withBudget(withName(a, "项目甲（更名）"), "6000", "6000", "0"))), "v3");
        ProjectState adjusted = load("13030321S3AAAAAAAAAA1");
        assertEquals(4, adjusted.version());
        assertEquals(new BigDecimal("6000.00"), adjusted.budget().total());
        assertEquals(2, adjusted.adjustments().size());
        assertEquals(new BigDecimal("4500.00"), adjusted.adjustments().get(1).previousTotal());
        assertEquals("manual", adjusted.adjustments().get(0).source());
        assertEquals("document", adjusted.adjustments().get(1).source());
    }

    @Test
    void aProjectCodeOfAnotherAgencyIsRefusedAndNothingIsWritten() {
        store(document("990004", 2021, List.of(project(1, "13030321S4AAAAAAAAAA1", "项目甲", "1.00", "1.00", "0"))),
                "owner");
        Map<String, Long> before = db.counts();
        ProblemException e = assertThrows(ProblemException.class, () -> store(document("990005", 2021, List.of(
                project(1, "13030321S4AAAAAAAAAA2", "项目乙", "1.00", "1.00", "0"),
                project(2, "13030321S4AAAAAAAAAA1", "项目甲", "1.00", "1.00", "0"))), "intruder"));
        assertEquals(409, e.status());
        assertEquals("project-code-taken", e.code());
        assertEquals(before, db.counts());
    }

    @Test
    void amountsThatWouldBeRoundedOrDoNotAddUpAreRefusedBeforeAnyWrite() {
        Map<String, Long> before = db.counts();
        ProblemException precision = assertThrows(ProblemException.class, () -> store(document("990006", 2021,
                List.of(project(1, "13030321S6AAAAAAAAAA1", "项目甲", "1.005", "1.005", "0"))), "x"));
        assertEquals(422, precision.status());
        assertEquals("amount-precision", precision.code());
        ProblemException split = assertThrows(ProblemException.class, () -> store(document("990006", 2021,
                List.of(project(1, "13030321S6AAAAAAAAAA1", "项目甲", "10.00", "5.00", "4.00"))), "y"));
        assertEquals("budget-split-mismatch", split.code());
        assertEquals(before, db.counts());
    }
}
