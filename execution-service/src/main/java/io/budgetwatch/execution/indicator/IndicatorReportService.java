package io.budgetwatch.execution.indicator;

import io.budgetwatch.common.audit.AuditEntry;
import io.budgetwatch.common.audit.AuditTrail;
import io.budgetwatch.common.outbox.Outbox;
import io.budgetwatch.common.security.AccessProblems;
import io.budgetwatch.common.security.Caller;
import io.budgetwatch.common.problem.Problem;
import io.budgetwatch.common.problem.ProblemException;
import io.budgetwatch.events.IndicatorReportEvent;
import io.budgetwatch.events.Topics;
import io.budgetwatch.execution.project.KnownProject;
import io.budgetwatch.execution.project.ProjectCatalog;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Indicator actuals: validated against the project's indicators, kept as history, published via the outbox. */
@ApplicationScoped
public class IndicatorReportService {

    static final Set<String> ASSESSMENTS = Set.of("ACHIEVED", "PARTIAL", "NOT_ACHIEVED");

    @Inject
    Pool pool;

    @Inject
    ProjectCatalog catalog;

    @Inject
    Outbox outbox;

    @Inject
    Clock clock;

    @Inject
    AuditTrail audit;

    /** The stored report and whether this call created it. */
    public record Stored(IndicatorReportView report, boolean created) {
    }

    private record Valid(String reportId, KnownProject project, KnownProject.IndicatorRef indicator, BigDecimal value,
                         String unit, String assessment, LocalDate reportedOn, String reporter, String note) {
    }

    /** As the system (tests that are not about access). */
    public Uni<Stored> submit(IndicatorReportRequest request) {
        return submit(request, Caller.system("indicator-report"));
    }

    /**
     * Stores the report of {@code caller}, who must see the project's agency: another agency's project is
     * refused with the answer an unknown project gets (its existence is not told), and the refusal is
     * audited. A stored report is recorded in the audit trail in the same transaction.
     */
    public Uni<Stored> submit(IndicatorReportRequest request, Caller caller) {
        if (request == null) {
            throw ProblemException.badRequest("malformed-json", null, "请求体为空", "The body is empty");
        }
        String code = blank(request.projectCode());
        if (code == null) {
            throw problem(List.of(missing("projectCode")));
        }
        Uni<KnownProject> project = catalog.find(code).map(p -> Uni.createFrom().item(p))
                .orElseGet(() -> catalog.catchUp().map(x -> catalog.find(code).orElse(null)));
        return project.chain(p -> {
            if (p == null) {
                throw unknownProject(code);
            }
            if (!caller.sees(p.agencyCode())) {
                throw AccessProblems.hidden(unknownProject(code), "project " + code);
            }
            Valid valid = validate(request, p);
            return store(valid, caller);
        });
    }

    private static ProblemException unknownProject(String code) {
        return ProblemException.unprocessable("unknown-project", "projectCode",
                "项目 " + code + " 未知（goals-service 未发布该项目）",
                "Project " + code + " is unknown (not published by goals-service)");
    }

    private Valid validate(IndicatorReportRequest r, KnownProject project) {
        List<Problem.FieldError> errors = new ArrayList<>();
        List<String[]> messages = new ArrayList<>();
        String reportId = blank(r.reportId());
        if (reportId != null && (reportId.length() > 64 || !reportId.chars().allMatch(c -> c > 0x20 && c != 0x7f))) {
            add(errors, messages, "reportId", "invalid-field", "reportId 须为 1 至 64 个字符，不含空白",
                    "reportId must be 1 to 64 characters without whitespace");
        }
        KnownProject.IndicatorRef indicator = indicator(r, project, errors, messages);
        BigDecimal value = null;
        String valueText = blank(r.value());
        if (valueText != null) {
            try {
                value = new BigDecimal(valueText.strip());
                if (value.stripTrailingZeros().scale() > 6 || value.precision() - value.scale() > 18) {
                    add(errors, messages, "value", "invalid-field", "value 超出范围或小数位多于 6 位：" + valueText,
                            "value is out of range or has more than 6 decimals: " + valueText);
                    value = null;
                }
            } catch (NumberFormatException e) {
                add(errors, messages, "value", "invalid-field", "value 不是十进制数：" + valueText,
                        "value is not a decimal number: " + valueText);
            }
        }
        String assessment = blank(r.assessment());
        if (assessment != null && !ASSESSMENTS.contains(assessment)) {
            add(errors, messages, "assessment", "invalid-field",
                    "assessment 须为 ACHIEVED（达成）、PARTIAL（部分达成）或 NOT_ACHIEVED（未达成）：" + assessment,
                    "assessment must be ACHIEVED, PARTIAL or NOT_ACHIEVED: " + assessment);
            assessment = null;
        }
        if (indicator != null) {
            boolean qualitative = indicator.qualitative();
            boolean date = "DATE".equals(indicator.targetKind());
            if (qualitative && blank(r.assessment()) == null) {
                add(errors, messages, "assessment", "missing-field",
                        "定性指标“" + indicator.name() + "”须给出 assessment（达成/部分达成/未达成）",
                        "Qualitative indicator \"" + indicator.name() + "\" needs an assessment");
            }
            if (qualitative && valueText != null) {
                add(errors, messages, "value", "invalid-field", "定性指标“" + indicator.name() + "”不取数值，请用 assessment",
                        "Qualitative indicator \"" + indicator.name() + "\" takes an assessment, not a value");
            }
            if (!qualitative && !date && valueText == null) {
                add(errors, messages, "value", "missing-field", "定量指标“" + indicator.name() + "”须给出 value（实际值）",
                        "Quantitative indicator \"" + indicator.name() + "\" needs a value");
            }
            if (date && valueText == null && blank(r.assessment()) == null) {
                add(errors, messages, "assessment", "missing-field", "时限指标“" + indicator.name() + "”须给出 assessment 或 value",
                        "Deadline indicator \"" + indicator.name() + "\" needs an assessment or a value");
            }
        }
        String unit = blank(r.unit());
        if (unit != null && unit.length() > 20) {
            add(errors, messages, "unit", "invalid-field", "unit 超过 20 个字符", "unit is longer than 20 characters");
        }
        if (unit == null && value != null && indicator != null) {
            unit = indicator.unit();
        }
        LocalDate reportedOn = null;
        String dateText = blank(r.reportedOn());
        if (dateText == null) {
            add(errors, messages, "reportedOn", "missing-field", "缺少必填字段 reportedOn", "Required field reportedOn is missing");
        } else {
            try {
                reportedOn = LocalDate.parse(dateText.strip());
                if (reportedOn.isAfter(LocalDate.now(clock))) {
                    add(errors, messages, "reportedOn", "invalid-field", "reportedOn 不能晚于今天：" + dateText,
                            "reportedOn cannot be after today: " + dateText);
                }
            } catch (DateTimeParseException e) {
                add(errors, messages, "reportedOn", "invalid-field", "reportedOn 须为 yyyy-MM-dd 日期：" + dateText,
                        "reportedOn must be a yyyy-MM-dd date: " + dateText);
            }
        }
        String reporter = blank(r.reporter());
        if (reporter == null) {
            add(errors, messages, "reporter", "missing-field", "缺少必填字段 reporter", "Required field reporter is missing");
        } else if (reporter.length() > 100) {
            add(errors, messages, "reporter", "invalid-field", "reporter 超过 100 个字符", "reporter is longer than 100 characters");
        }
        String note = blank(r.note());
        if (note != null && note.length() > 2000) {
            add(errors, messages, "note", "invalid-field", "note 超过 2000 个字符", "note is longer than 2000 characters");
        }
        if (!errors.isEmpty()) {
            throw problemOf(errors, messages);
        }
        return new Valid(reportId == null ? UUID.randomUUID().toString() : reportId, project, indicator, value, unit,
                assessment, reportedOn, reporter, note);
    }

    private KnownProject.IndicatorRef indicator(IndicatorReportRequest r, KnownProject project,
                                                List<Problem.FieldError> errors, List<String[]> messages) {
        String seqText = blank(r.indicatorSeq());
        String name = blank(r.indicatorName());
        if (seqText == null && name == null) {
            add(errors, messages, "indicatorSeq", "missing-field", "须给出 indicatorSeq 或 indicatorName",
                    "Give indicatorSeq or indicatorName");
            return null;
        }
        KnownProject.IndicatorRef bySeq = null;
        if (seqText != null) {
            try {
                int seq = Integer.parseInt(seqText.strip());
                bySeq = project.indicator(seq).orElse(null);
                if (bySeq == null) {
                    add(errors, messages, "indicatorSeq", "unknown-indicator",
                            "项目 " + project.code() + " 没有序号为 " + seq + " 的指标",
                            "Project " + project.code() + " has no indicator with seq " + seq);
                    return null;
                }
            } catch (NumberFormatException e) {
                add(errors, messages, "indicatorSeq", "invalid-field", "indicatorSeq 须为整数：" + seqText,
                        "indicatorSeq must be an integer: " + seqText);
                return null;
            }
        }
        if (name == null) {
            return bySeq;
        }
        List<KnownProject.IndicatorRef> named = project.indicatorsNamed(name);
        if (bySeq != null) {
            if (!named.contains(bySeq)) {
                add(errors, messages, "indicatorName", "indicator-mismatch",
                        "序号 " + bySeq.seq() + " 的指标是“" + bySeq.name() + "”，不是“" + name + "”",
                        "Indicator " + bySeq.seq() + " is \"" + bySeq.name() + "\", not \"" + name + "\"");
                return null;
            }
            return bySeq;
        }
        if (named.isEmpty()) {
            add(errors, messages, "indicatorName", "unknown-indicator",
                    "项目 " + project.code() + " 没有名为“" + name + "”的指标",
                    "Project " + project.code() + " has no indicator named \"" + name + "\"");
            return null;
        }
        if (named.size() > 1) {
            add(errors, messages, "indicatorName", "ambiguous-indicator",
                    "项目 " + project.code() + " 有 " + named.size() + " 个名为“" + name + "”的指标，请用 indicatorSeq",
                    "Project " + project.code() + " has " + named.size() + " indicators named \"" + name
                            + "\"; use indicatorSeq");
            return null;
        }
        return named.get(0);
    }

    private Uni<Stored> store(Valid v, Caller caller) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        KnownProject p = v.project();
        IndicatorReportView view = new IndicatorReportView(v.reportId(), p.code(), p.fiscalYear(), p.agencyCode(),
                v.indicator().seq(), v.indicator().name(), v.value(), v.unit(), v.assessment(), v.reportedOn(),
                v.reporter(), v.note(), now.toInstant());
        byte[] hash = hash(view);
        return pool.withTransaction(tx -> tx.preparedQuery("""
                                INSERT INTO indicator_report (report_id, content_hash, project_code, fiscal_year, agency_code,
                                    indicator_seq, indicator_name, value, unit, assessment, reported_on, reporter, note,
                                    recorded_at)
                                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
                                ON CONFLICT (report_id) DO NOTHING RETURNING report_id""")
                        .execute(Tuple.tuple().addValue(view.reportId()).addValue(Buffer.buffer(hash))
                                .addValue(view.projectCode()).addValue(view.fiscalYear()).addValue(view.agencyCode())
                                .addValue(view.indicatorSeq()).addValue(view.indicatorName()).addValue(view.value())
                                .addValue(view.unit()).addValue(view.assessment()).addValue(view.reportedOn())
                                .addValue(view.reporter()).addValue(view.note()).addValue(now))
                        .chain(inserted -> {
                            if (inserted.size() == 1) {
                                IndicatorReportEvent event = new IndicatorReportEvent(view.reportId(), view.projectCode(),
                                        view.fiscalYear(), view.agencyCode(), view.indicatorSeq(), view.indicatorName(),
                                        view.value(), view.unit(), view.assessment(), view.reportedOn(), view.reporter(),
                                        view.note(), view.recordedAt());
                                return outbox.enqueue(tx, Topics.INDICATOR_REPORTS, view.projectCode(), view.reportId(),
                                                event)
                                        .chain(() -> audit.record(tx, caller, auditEntry(view)))
                                        .replaceWith(new Stored(view, true));
                            }
                            return tx.preparedQuery("SELECT * FROM indicator_report WHERE report_id = $1")
                                    .execute(Tuple.of(view.reportId()))
                                    .map(rows -> {
                                        Row existing = rows.iterator().next();
                                        if (!Arrays.equals(existing.getBuffer("content_hash").getBytes(), hash)) {
                                            throw ProblemException.conflict("report-id-conflict", "reportId",
                                                    "报告编号 " + view.reportId() + " 已以不同内容提交；本次未保存",
                                                    "Report id " + view.reportId()
                                                            + " was already submitted with different content; not stored");
                                        }
                                        return new Stored(fromRow(existing), false);
                                    });
                        }))
                .invoke(stored -> {
                    if (stored.created()) {
                        outbox.nudge();
                    }
                });
    }

    public Uni<List<IndicatorReportView>> history(String projectCode, Integer indicatorSeq, int limit) {
        return pool.preparedQuery("""
                        SELECT * FROM indicator_report WHERE project_code = $1 AND ($2::int IS NULL OR indicator_seq = $2)
                        ORDER BY seq DESC LIMIT $3""")
                .execute(Tuple.of(projectCode, indicatorSeq, limit))
                .map(rows -> {
                    List<IndicatorReportView> list = new ArrayList<>();
                    rows.forEach(r -> list.add(fromRow(r)));
                    return list;
                });
    }

    /** What the audit trail keeps of a stored report: the project, the indicator and the actual. */
    private static AuditEntry auditEntry(IndicatorReportView v) {
        String actual = v.value() != null ? v.value().toPlainString() + (v.unit() == null ? "" : " " + v.unit())
                : "";
        if (v.assessment() != null) {
            actual = actual.isEmpty() ? v.assessment() : actual + ", " + v.assessment();
        }
        return AuditEntry.done("indicator-report.submit", v.reportId(), v.agencyCode(),
                "项目 " + v.projectCode() + " 指标 #" + v.indicatorSeq() + " “" + v.indicatorName() + "”: " + actual
                        + ", reported on " + v.reportedOn() + " by " + v.reporter());
    }

    static IndicatorReportView fromRow(Row r) {
        BigDecimal value = r.getBigDecimal("value");
        return new IndicatorReportView(r.getString("report_id"), r.getString("project_code"),
                r.getInteger("fiscal_year"), r.getString("agency_code"), r.getInteger("indicator_seq"),
                r.getString("indicator_name"), value == null ? null : value.stripTrailingZeros().scale() < 0
                ? value.setScale(0) : value.stripTrailingZeros(), r.getString("unit"), r.getString("assessment"),
                r.getLocalDate("reported_on"), r.getString("reporter"), r.getString("note"),
                r.getOffsetDateTime("recorded_at").toInstant());
    }

    /** Content identity of a report: everything the submitter said (not when it was recorded). */
    private static byte[] hash(IndicatorReportView v) {
        String canonical = String.join("\u001f", v.projectCode(), String.valueOf(v.indicatorSeq()),
                v.value() == null ? "\u0000" : v.value().stripTrailingZeros().toPlainString(), String.valueOf(v.unit()),
                String.valueOf(v.assessment()), String.valueOf(v.reportedOn()), v.reporter(), String.valueOf(v.note()));
        try {
            return MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void add(List<Problem.FieldError> errors, List<String[]> messages, String field, String code,
                            String zh, String en) {
        errors.add(new Problem.FieldError(field, code, en));
        messages.add(new String[] {zh, en});
    }

    private static ProblemException problemOf(List<Problem.FieldError> errors, List<String[]> messages) {
        Problem.FieldError first = errors.get(0);
        StringBuilder zh = new StringBuilder();
        StringBuilder en = new StringBuilder();
        for (String[] m : messages) {
            zh.append(zh.isEmpty() ? "" : "；").append(m[0]);
            en.append(en.isEmpty() ? "" : "; ").append(m[1]);
        }
        return new ProblemException(422, first.code(), first.field(), zh.toString(), en.toString(), errors, null);
    }

    private static ProblemException problem(List<Problem.FieldError> errors) {
        Problem.FieldError first = errors.get(0);
        return new ProblemException(422, first.code(), first.field(), "缺少必填字段 " + first.field(),
                "Required field " + first.field() + " is missing", errors, null);
    }

    private static Problem.FieldError missing(String field) {
        return new Problem.FieldError(field, "missing-field", "Required field " + field + " is missing");
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
