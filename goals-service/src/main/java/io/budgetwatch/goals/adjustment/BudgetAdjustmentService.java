package io.budgetwatch.goals.adjustment;

import io.budgetwatch.common.audit.AuditEntry;
import io.budgetwatch.common.audit.AuditTrail;
import io.budgetwatch.common.outbox.Outbox;
import io.budgetwatch.common.security.Caller;
import io.budgetwatch.common.persistence.Transactions;
import io.budgetwatch.common.problem.Problem;
import io.budgetwatch.common.problem.ProblemException;
import io.budgetwatch.events.ProjectSnapshot.Budget;
import io.budgetwatch.goals.project.ProjectEvents;
import io.budgetwatch.goals.project.ProjectRepository;
import io.budgetwatch.goals.project.ProjectProblems;
import io.budgetwatch.goals.support.Hashing;
import io.budgetwatch.goals.support.Money;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Records a manual budget adjustment: a new adjustment row, the project's current budget and a new
 * project version, and the snapshot event, in one transaction.
 */
@ApplicationScoped
public class BudgetAdjustmentService {

    static final int MAX_TEXT = 2000;
    static final int MAX_NAME = 200;

    @Inject
    Transactions transactions;

    @Inject
    ProjectRepository projects;

    @Inject
    BudgetAdjustmentRepository adjustments;

    @Inject
    ProjectEvents events;

    @Inject
    Outbox outbox;

    @Inject
    Clock clock;

    @Inject
    AuditTrail audit;

    /** created is false when the same Idempotency-Key and request were already recorded. */
    public record Outcome(boolean created, BudgetAdjustmentView adjustment) {
    }

    /** As the system (used by tests). */
    public Uni<Outcome> adjust(String code, BudgetAdjustmentRequest request, String idempotencyKey) {
        return adjust(code, request, idempotencyKey, Caller.system("budget-adjustment"));
    }

    /** Records the adjustment, and who made it in the audit trail, in one transaction. */
    public Uni<Outcome> adjust(String code, BudgetAdjustmentRequest request, String idempotencyKey, Caller caller) {
        Budget next = validate(request, idempotencyKey);
        String reason = request.reason().strip();
        String adjustedBy = request.adjustedBy().strip();
        String fingerprint = Hashing.sha256(String.join("\u0001", next.total().toPlainString(),
                next.fiscal().toPlainString(), next.other().toPlainString(), reason,
                request.effectiveOn().toString(), adjustedBy));
        return transactions.inTransaction(() -> projects.lockRow(code).flatMap(row -> {
            if (row == null) {
                throw ProjectProblems.notFound(code);
            }
            Uni<BudgetAdjustmentRepository.Keyed> previous = idempotencyKey == null
                    ? Uni.createFrom().nullItem()
                    : adjustments.findByKey(code, idempotencyKey);
            return previous.flatMap(keyed -> {
                if (keyed != null) {
                    if (!keyed.requestSha256().equals(fingerprint)) {
                        throw ProblemException.conflict("idempotency-key-reused", "Idempotency-Key",
                                "该 Idempotency-Key 已用于内容不同的另一项预算调整（第 " + keyed.adjustment().seq() + " 项）",
                                "This Idempotency-Key was already used for a different adjustment (#"
                                        + keyed.adjustment().seq() + ")");
                    }
                    return Uni.createFrom().item(new Outcome(false, keyed.adjustment()));
                }
                if (request.effectiveOn().getYear() != row.fiscalYear()) {
                    throw new ProblemException(422, "effective-date-outside-fiscal-year", "effectiveOn",
                            "生效日期 " + request.effectiveOn() + " 不在项目的预算年度 " + row.fiscalYear() + " 内",
                            "The effective date " + request.effectiveOn() + " is outside the project's fiscal year "
                                    + row.fiscalYear(), null, Map.of("fiscalYear", row.fiscalYear()));
                }
                if (sameBudget(row.budget(), next)) {
                    throw new ProblemException(422, "budget-unchanged", "total",
                            "新预算与当前预算相同（" + row.budget().total() + " 元），无需调整",
                            "The new budget equals the current budget (" + row.budget().total() + " yuan)",
                            null, Map.of("currentTotal", row.budget().total().toPlainString()));
                }
                return record(row, next, reason, request, adjustedBy, idempotencyKey, fingerprint, caller);
            });
        })).invoke(outcome -> {
            if (outcome.created()) {
                outbox.nudge();
            }
        });
    }

    private Uni<Outcome> record(ProjectRepository.ProjectRow row, Budget next, String reason,
                                BudgetAdjustmentRequest request, String adjustedBy, String idempotencyKey,
                                String fingerprint, Caller caller) {
        Instant now = clock.instant();
        int version = row.version() + 1;
        return adjustments.insert(new BudgetAdjustmentRepository.AdjustmentWrite(row.code(), row.budget(), next,
                        reason, request.effectiveOn(), adjustedBy, now, BudgetAdjustment.SOURCE_MANUAL,
                        null, null, version, idempotencyKey, fingerprint))
                .flatMap(seq -> projects.updateBudget(row.code(), next, version, now)
                        .chain(() -> events.publishCurrentVersion(row.code(), ProjectEvents.CAUSE_ADJUSTMENT,
                                null, seq))
                        .chain(adjustments::getSession)
                        .flatMap(session -> audit.record(session, caller, AuditEntry.done("budget-adjustment.record",
                                row.code() + "#" + seq, row.agencyCode(), "预算 " + row.budget().total().toPlainString()
                                        + " → " + next.total().toPlainString() + " 元 (fiscal "
                                        + next.fiscal().toPlainString() + ", other " + next.other().toPlainString()
                                        + "), effective " + request.effectiveOn() + ": " + reason)))
                        .chain(() -> adjustments.find(row.code(), seq)))
                .map(view -> new Outcome(true, view));
    }

    static boolean sameBudget(Budget a, Budget b) {
        return Money.sameAmount(a.total(), b.total()) && Money.sameAmount(a.fiscal(), b.fiscal())
                && Money.sameAmount(a.other(), b.other());
    }

    /** 400 for missing or malformed fields (all of them listed), 422 when the split does not add up. */
    static Budget validate(BudgetAdjustmentRequest request, String idempotencyKey) {
        if (request == null) {
            throw ProblemException.badRequest("required", null, "缺少请求体（预算调整 JSON）",
                    "The request body (a budget adjustment as JSON) is missing");
        }
        List<Problem.FieldError> errors = new ArrayList<>();
        amount(errors, "total", request.total());
        amount(errors, "fiscal", request.fiscal());
        amount(errors, "other", request.other());
        text(errors, "reason", request.reason(), MAX_TEXT);
        if (request.effectiveOn() == null) {
            errors.add(new Problem.FieldError("effectiveOn", "required", "生效日期必填 / effectiveOn is required"));
        }
        text(errors, "adjustedBy", request.adjustedBy(), MAX_NAME);
        if (idempotencyKey != null && (idempotencyKey.isBlank() || idempotencyKey.length() > MAX_NAME)) {
            errors.add(new Problem.FieldError("Idempotency-Key", "invalid-idempotency-key",
                    "Idempotency-Key 须为 1 至 200 个字符 / must be 1 to 200 characters"));
        }
        if (!errors.isEmpty()) {
            Problem.FieldError first = errors.get(0);
            throw new ProblemException(400, first.code(), first.field(),
                    "预算调整请求无效：" + summary(errors), "Invalid budget adjustment: " + summary(errors),
                    errors, null);
        }
        Budget next = new Budget(Money.yuan(request.total()), Money.yuan(request.fiscal()),
                Money.yuan(request.other()));
        if (next.total().compareTo(next.fiscal().add(next.other())) != 0) {
            throw new ProblemException(422, "budget-split-mismatch", "total",
                    "预算数 " + next.total() + " 不等于财政资金 " + next.fiscal() + " 与其他资金 " + next.other() + " 之和",
                    "The total " + next.total() + " is not fiscal " + next.fiscal() + " plus other " + next.other(),
                    null, Map.of("sum", next.fiscal().add(next.other()).toPlainString()));
        }
        return next;
    }

    private static void amount(List<Problem.FieldError> errors, String field, BigDecimal value) {
        if (value == null) {
            errors.add(new Problem.FieldError(field, "required", field + " 必填 / " + field + " is required"));
        } else if (value.signum() < 0) {
            errors.add(new Problem.FieldError(field, "negative-amount",
                    field + " 不能为负数 / " + field + " must not be negative"));
        } else if (!Money.hasAtMostTwoDecimals(value)) {
            errors.add(new Problem.FieldError(field, "too-many-decimals",
                    field + " 最多两位小数（元） / " + field + " has more than two decimals (yuan)"));
        } else if (value.compareTo(Money.MAX) > 0) {
            errors.add(new Problem.FieldError(field, "amount-too-large",
                    field + " 超出金额上限 / " + field + " exceeds the largest amount"));
        }
    }

    private static void text(List<Problem.FieldError> errors, String field, String value, int max) {
        if (value == null || value.isBlank()) {
            errors.add(new Problem.FieldError(field, "required", field + " 必填 / " + field + " is required"));
        } else if (value.length() > max) {
            errors.add(new Problem.FieldError(field, "too-long",
                    field + " 超过 " + max + " 个字符 / " + field + " is longer than " + max + " characters"));
        }
    }

    private static String summary(List<Problem.FieldError> errors) {
        return String.join("; ", errors.stream().map(e -> e.field() + " " + e.code()).toList());
    }

    /** The adjustment history of a project, oldest first; 404 for an unknown project. */
    public Uni<List<BudgetAdjustmentView>> history(String code) {
        return transactions.inSession(() -> adjustments.list(code).flatMap(list -> list.isEmpty()
                ? exists(code).replaceWith(list)
                : Uni.createFrom().item(list)));
    }

    /** One adjustment; 404 naming what is missing, the project or the adjustment. */
    public Uni<BudgetAdjustmentView> find(String code, int seq) {
        return transactions.inSession(() -> adjustments.find(code, seq).flatMap(found -> found != null
                ? Uni.createFrom().item(found)
                : exists(code).map(ignored -> {
                    throw ProblemException.notFound("adjustment-not-found", "seq",
                            "项目 " + code + " 没有第 " + seq + " 项预算调整",
                            "Project " + code + " has no budget adjustment #" + seq);
                })));
    }

    private Uni<Void> exists(String code) {
        return projects.exists(code).map(found -> {
            if (!found) {
                throw ProjectProblems.notFound(code);
            }
            return null;
        });
    }
}
