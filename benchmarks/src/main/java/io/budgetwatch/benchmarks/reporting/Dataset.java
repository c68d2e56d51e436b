package io.budgetwatch.benchmarks.reporting;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.budgetwatch.events.ProjectSnapshot;
import io.budgetwatch.events.ProjectSnapshot.Indicator;
import io.budgetwatch.events.ProjectSnapshot.Target;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * The benchmark's data, deterministic for a given size: projects shaped like the seed's (plan 25/50/75/100 at
 * 03-31/06-30/10-31/12-31, six indicators including a {@code ≤N万元} cost cap) spread over agencies (the first one
 * has {@code bigAgency} projects, the others share the rest round-robin), and ledger
 * entries (payments across fiscal year 2021, about 3 % partial refunds of the payment before them, two fund
 * sources).
 *
 * <p>Project-level parameters (budget, fund split, how much and how early the project spends, how many entries
 * it gets) are drawn in Java and kept in the scratch table {@code bench_project}; entry-level values are pure
 * functions of (project, entry number) computed in SQL from {@code hashint8}, so the same rows can be produced
 * for the Kafka slice (read back and published) and for the bulk load (inserted straight), and the one can be
 * compared with the other.
 */
final class Dataset {

    static final int FISCAL_YEAR = 2021;
    static final double REFUND_SHARE = 0.03;
    static final List<LocalDate> CHECKPOINTS = List.of(LocalDate.of(2021, 3, 31), LocalDate.of(2021, 6, 30),
            LocalDate.of(2021, 10, 31), LocalDate.of(2021, 12, 31));
    static final List<String> PERCENTS = List.of("25.00", "50.00", "75.00", "100.00");

    private static final String[] AGENCY_NAMES = {
            "中共秦皇岛市山海关区委统战部本级", "秦皇岛市山海关区教育局", "秦皇岛市山海关区卫生健康局",
            "秦皇岛市山海关区民政局", "秦皇岛市山海关区财政局", "秦皇岛市山海关区文化广电和旅游局",
            "秦皇岛市山海关区农业农村局", "秦皇岛市山海关区住房和城乡建设局", "秦皇岛市山海关区人力资源和社会保障局",
            "秦皇岛市山海关区交通运输局", "秦皇岛市山海关区水务局", "秦皇岛市山海关区市场监督管理局",
            "秦皇岛市山海关区应急管理局", "秦皇岛市山海关区司法局", "秦皇岛市山海关区退役军人事务局",
            "秦皇岛市山海关区审计局", "秦皇岛市山海关区统计局", "秦皇岛市山海关区医疗保障局",
            "秦皇岛市山海关区城市管理综合行政执法局", "秦皇岛市山海关区自然资源和规划局"};
    private static final String[] PROJECT_NAMES = {
            "车辆保险费", "提前下达省级少数民族发展资金", "统战工作经费", "办公设备购置", "信息系统运维服务",
            "民族团结进步创建活动", "社区服务能力提升", "公共文化服务体系建设", "基层医疗卫生机构运行补助",
            "城乡环境综合整治", "安全生产专项检查", "法律援助服务", "困难群众临时救助", "农田水利设施维护",
            "档案数字化", "人才引进培养"};
    private static final String[] PURPOSES = {
            "公务用车正常运转", "保障少数民族群众生产生活条件改善", "开展统一战线宣传教育活动", "保障单位日常办公",
            "保障业务系统稳定运行", "提升基层公共服务水平"};

    /** One project: what goes into bench_project and into its snapshot. */
    record Project(int p, String code, String agencyCode, String agencyName, String name, BigDecimal total,
                   BigDecimal fiscal, BigDecimal other, double spend, double pace, int entries, BigDecimal base,
                   int capWan) {
    }

    final int projectCount;
    final long entryCount;
    final int agencyCount;
    /** Projects of the first agency (the one the per-agency requests are about). */
    final int bigAgency;
    /** Agency index of each project, and projects per agency. */
    private final int[] agencyOf;
    private final int[] projectsPerAgency;
    final int sliceProjects;
    final int slicePerProject;
    final List<Project> projects;
    final List<String> agencies;
    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    Dataset(int projectCount, long entryCount, int agencyCount, int bigAgency, int sliceProjects,
            int slicePerProject) {
        if (agencyCount < 1 || agencyCount > 9999) {
            throw new IllegalArgumentException("--agencies must be 1 to 9999");
        }
        if (agencyCount == 1) {
            bigAgency = projectCount;
        }
        if (bigAgency < 1 || projectCount - bigAgency < agencyCount - 1) {
            throw new IllegalArgumentException(String.format("%,d projects cannot give the first agency %,d and each "
                    + "of the other %,d at least one", projectCount, bigAgency, agencyCount - 1));
        }
        this.bigAgency = bigAgency;
        this.agencyOf = new int[projectCount];
        this.projectsPerAgency = new int[agencyCount];
        // The first agency takes every step-th project (so the Kafka slice has some of each), the others the rest in
        // turn: with projects = agencies × bigAgency every agency has bigAgency projects, p % agencies.
        int step = Math.max(1, projectCount / bigAgency);
        int big = 0;
        int other = 0;
        for (int p = 0; p < projectCount; p++) {
            int a;
            if (agencyCount == 1 || (big < bigAgency && (p % step == 0 || projectCount - p <= bigAgency - big))) {
                a = 0;
                big++;
            } else {
                a = 1 + other++ % (agencyCount - 1);
            }
            agencyOf[p] = a;
            projectsPerAgency[a]++;
        }
        this.projectCount = projectCount;
        this.entryCount = entryCount;
        this.agencyCount = agencyCount;
        this.sliceProjects = Math.min(sliceProjects, projectCount);
        this.slicePerProject = slicePerProject;
        this.agencies = new ArrayList<>();
        for (int a = 0; a < agencyCount; a++) {
            agencies.add(agencyCode(a));
        }
        this.projects = draw();
    }

    static String agencyCode(int a) {
        return String.format("219%04d", a + 1);
    }

    static String agencyName(int a) {
        return AGENCY_NAMES[a % AGENCY_NAMES.length] + (a < AGENCY_NAMES.length ? "" : "（" + (a + 1) + "）");
    }

    int projectsOf(String agencyCode) {
        return projectsPerAgency[agencies.indexOf(agencyCode)];
    }

    /** The agencies of the largest size (all of them when every agency has as many projects). */
    List<String> largestAgencies() {
        int max = 0;
        for (int n : projectsPerAgency) {
            max = Math.max(max, n);
        }
        List<String> list = new ArrayList<>();
        for (int a = 0; a < agencyCount; a++) {
            if (projectsPerAgency[a] == max) {
                list.add(agencies.get(a));
            }
        }
        return list;
    }

    private List<Project> draw() {
        Random random = new Random(20210331L);
        double[] weights = new double[projectCount];
        BigDecimal[] totals = new BigDecimal[projectCount];
        double weightSum = 0;
        for (int p = 0; p < projectCount; p++) {
            // Budgets log-uniform between 10 000 and 5 000 000 yuan, whole hundreds.
            double budget = Math.exp(Math.log(10_000) + random.nextDouble() * (Math.log(5_000_000) - Math.log(10_000)));
            totals[p] = BigDecimal.valueOf(Math.round(budget / 100) * 100L).setScale(2);
            weights[p] = Math.sqrt(totals[p].doubleValue()); // bigger projects, more payments
            weightSum += weights[p];
        }
        int minimum = slicePerProject + 10;
        if (entryCount < (long) projectCount * minimum) {
            throw new IllegalArgumentException(String.format("%,d entries cannot give each of %,d projects at least "
                    + "%d (the %d published through Kafka + 10): raise --entries or lower --slice-entries", entryCount,
                    projectCount, minimum, slicePerProject));
        }
        int[] entries = new int[projectCount];
        long assigned = 0;
        for (int p = 0; p < projectCount; p++) {
            entries[p] = Math.max(minimum, (int) Math.floor(entryCount * weights[p] / weightSum));
            assigned += entries[p];
        }
        // Hit the requested count exactly: take from or give to the projects round-robin.
        for (int p = 0; assigned != entryCount; p = (p + 1) % projectCount) {
            if (assigned < entryCount) {
                entries[p]++;
                assigned++;
            } else if (entries[p] > minimum) {
                entries[p]--;
                assigned--;
            }
        }
        List<Project> list = new ArrayList<>(projectCount);
        for (int p = 0; p < projectCount; p++) {
            int a = agencyOf[p];
            BigDecimal total = totals[p];
            BigDecimal fiscal = random.nextDouble() < 0.7 ? total
                    : total.multiply(BigDecimal.valueOf(50 + random.nextInt(41))).divide(BigDecimal.valueOf(100), 0,
                    RoundingMode.DOWN).setScale(2);
            double r = random.nextDouble();
            // Share of the budget the project pays in the year: most near plan, some far behind, a few over.
            double spend = r < 0.85 ? 0.80 + random.nextDouble() * 0.22
                    : r < 0.95 ? 0.40 + random.nextDouble() * 0.40 : 1.02 + random.nextDouble() * 0.13;
            // Pace: the share paid by time t (fraction of the year) is t^pace; above 1 pays late.
            double[] paces = {0.8, 1.0, 1.0, 1.0, 1.3, 1.8};
            double pace = paces[random.nextInt(paces.length)];
            // Mean payment so that the year's payments minus refunds come to about spend × budget.
            BigDecimal base = total.multiply(BigDecimal.valueOf(spend))
                    .divide(BigDecimal.valueOf(entries[p] * (1 - REFUND_SHARE * 0.6)), 4, RoundingMode.HALF_UP);
            double capFactor = random.nextDouble() < 0.7 ? 1.0 : 0.95;
            int capWan = (int) Math.max(1, Math.round(total.doubleValue() * capFactor / 10_000));
            String code = String.format("13030321BW%04d%09d", a + 1, p);
            String name = PROJECT_NAMES[random.nextInt(PROJECT_NAMES.length)] + "（" + (p + 1) + "）";
            list.add(new Project(p, code, agencyCode(a), agencyName(a), name, total, fiscal, total.subtract(fiscal),
                    spend, pace, entries[p], base, capWan));
        }
        return list;
    }

    // ------------------------------------------------------------------------------------------ projects

    ProjectSnapshot snapshot(Project pr) {
        Random random = new Random(pr.p() * 31L + 7);
        List<ProjectSnapshot.PlanPoint> plan = new ArrayList<>();
        for (int i = 0; i < CHECKPOINTS.size(); i++) {
            plan.add(new ProjectSnapshot.PlanPoint(CHECKPOINTS.get(i), new BigDecimal(PERCENTS.get(i))));
        }
        int count = 1 + random.nextInt(20);
        List<Indicator> indicators = List.of(
                new Indicator(1, "产出指标", "数量指标", "年度服务部门数量", "年度服务部门数量", "≥" + count + "个",
                        numeric("GE", BigDecimal.valueOf(count), "个", BigDecimal.valueOf(count), "个", "POSITIVE"),
                        "年度工作计划"),
                new Indicator(2, "产出指标", "质量指标", "正常使用率", "正常使用率", "≥90%",
                        numeric("GE", new BigDecimal("90"), "%", new BigDecimal("90"), "%", "POSITIVE"), "年度工作计划"),
                new Indicator(3, "产出指标", "时效指标", "完工及时率", "完工及时率", "≥90%",
                        numeric("GE", new BigDecimal("90"), "%", new BigDecimal("90"), "%", "POSITIVE"), "年度工作计划"),
                new Indicator(4, "产出指标", "成本指标", "资金成本", "资金成本", "≤" + pr.capWan() + "万元",
                        numeric("LE", BigDecimal.valueOf(pr.capWan()), "万元",
                                BigDecimal.valueOf(pr.capWan() * 10_000L), "元", "NEGATIVE"), "预算批复"),
                new Indicator(5, "效益指标", "社会效益指标", "提供优质服务", "提供优质服务", "提供优质服务",
                        new Target("QUALITATIVE", null, null, null, null, null, null, null, null, "NEUTRAL"),
                        "年度工作计划"),
                new Indicator(6, "满意度指标", "服务对象满意度指标", "用户使用满意度", "用户使用满意度", "≥90%",
                        numeric("GE", new BigDecimal("90"), "%", new BigDecimal("90"), "%", "POSITIVE"), "往年水平"));
        String purpose = PURPOSES[pr.p() % PURPOSES.length];
        List<ProjectSnapshot.QualityWarning> warnings = List.of(new ProjectSnapshot.QualityWarning(null, null,
                "duplicate-goal-lines", "绩效目标“" + purpose + "”重复出现3次",
                "goal line \"" + purpose + "\" appears 3 times"));
        return new ProjectSnapshot(ProjectSnapshot.SCHEMA_VERSION, pr.code() + ":v1",
                Instant.parse("2021-01-15T01:00:00Z"), pr.code(), 1, FISCAL_YEAR, pr.agencyCode(), pr.agencyName(),
                pr.name(), new ProjectSnapshot.Budget(pr.total(), pr.fiscal(), pr.other()), purpose,
                List.of(purpose, purpose, purpose), plan, indicators, List.of(),
                new UUID(0x2021L, pr.agencyCode().hashCode()).toString(), true, 1, warnings);
    }

    private static Target numeric(String op, BigDecimal value, String unit, BigDecimal base, String baseUnit,
                                  String direction) {
        return new Target("NUMERIC", op, value, null, unit, base, null, baseUnit, null, direction);
    }

    String toJson(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The plan column exactly as the project consumer writes it. */
    static String planJson() {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < CHECKPOINTS.size(); i++) {
            sb.append(i == 0 ? "" : ",").append("{\"checkpoint\":\"").append(CHECKPOINTS.get(i))
                    .append("\",\"cumulativePercent\":\"").append(PERCENTS.get(i)).append("\"}");
        }
        return sb.append(']').toString();
    }

    /**
     * Inserts project rows with the values the project consumer writes for the same snapshot (its columns, the
     * raw snapshot text, the plan as JSONB) into {@code table}: {@code project} for the bulk load, a scratch
     * table for the comparison with what the consumer stored.
     */
    void insertProjects(Connection c, String table, List<Project> list) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table + " (code, version, fiscal_year, "
                + "agency_code, agency_name, name, budget_total, budget_fiscal, budget_other, plan, snapshot, "
                + "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, now())")) {
            String plan = planJson();
            int n = 0;
            for (Project pr : list) {
                ProjectSnapshot s = snapshot(pr);
                ps.setString(1, s.projectCode());
                ps.setInt(2, s.version());
                ps.setInt(3, s.fiscalYear());
                ps.setString(4, s.agencyCode());
                ps.setString(5, s.agencyName());
                ps.setString(6, s.name());
                ps.setBigDecimal(7, s.budget().total());
                ps.setBigDecimal(8, s.budget().fiscal());
                ps.setBigDecimal(9, s.budget().other());
                ps.setString(10, plan);
                ps.setString(11, toJson(s));
                ps.addBatch();
                if (++n % 1000 == 0) {
                    ps.executeBatch();
                }
            }
            ps.executeBatch();
        }
    }

    // ------------------------------------------------------------------------------------------ ledger

    /** Scratch table of project parameters the SQL generator of entries reads. */
    void createScratch(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            // The ledger as execution-service would hold it: what the checks compare the read model's totals with.
            s.execute("DROP TABLE IF EXISTS bench_ledger");
            s.execute("CREATE TABLE bench_ledger (seq bigint PRIMARY KEY, entry_id text NOT NULL, payment_id text NOT NULL, "
                    + "kind text NOT NULL, original_payment_id text, fiscal_year int NOT NULL, agency_code text NOT NULL, "
                    + "project_code text NOT NULL, amount numeric(18,2) NOT NULL, fund_source text NOT NULL, "
                    + "paid_on date NOT NULL, overspend boolean NOT NULL, recorded_at timestamptz NOT NULL)");
            s.execute("DROP TABLE IF EXISTS bench_project");
            s.execute("""
                    CREATE TABLE bench_project (
                        p int PRIMARY KEY, code text NOT NULL, agency_code text NOT NULL,
                        budget_total numeric(18,2) NOT NULL, fiscal_share float8 NOT NULL, pace float8 NOT NULL,
                        entries int NOT NULL, base numeric(18,4) NOT NULL)""");
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO bench_project VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (Project pr : projects) {
                ps.setInt(1, pr.p());
                ps.setString(2, pr.code());
                ps.setString(3, pr.agencyCode());
                ps.setBigDecimal(4, pr.total());
                ps.setDouble(5, pr.fiscal().doubleValue() / pr.total().doubleValue());
                ps.setDouble(6, pr.pace());
                ps.setInt(7, pr.entries());
                ps.setBigDecimal(8, pr.base());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    void dropScratch(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS bench_project");
            s.execute("DROP TABLE IF EXISTS bench_ledger");
        }
    }

    /** Uniform [0,1) from (project p, entry r, stream k), the same wherever it is computed. */
    private static String u(String r, int k) {
        return "((hashint8((b.p::bigint * 4194304 + " + r + ") * 16 + " + k + ") & 2147483647)::float8 / 2147483648.0)";
    }

    private static String paymentAmount(String r) {
        return "greatest(0.01, round(b.base * (0.5 + " + u(r, 4) + ")::numeric, 2))";
    }

    private static String paymentDay(String r) {
        // share paid by time t is t^pace: t = u^(1/pace)
        return "least(364, floor(365 * power(" + u(r, 3) + ", 1.0 / b.pace)))::int";
    }

    private static String paymentFund(String r) {
        return "(CASE WHEN " + u(r, 5) + " < b.fiscal_share THEN 'FISCAL' ELSE 'OTHER' END)";
    }

    private static String rawRefund(String r) {
        return "(" + r + " >= 1 AND " + u(r, 1) + " < " + REFUND_SHARE + ")";
    }

    private static String entryId(String r) {
        return "('T21' || lpad(b.p::text, 6, '0') || '-' || lpad((" + r + ")::text, 6, '0'))";
    }

    /**
     * Every entry of the projects {@code p} in [from, to] with all bench_ledger columns plus p and r (entry number
     * within the project, its ledger order); seq, the ledger position, is unique and follows r within a project. A refund repays 30–90 % of the payment just before it, on that
     * payment's fund source, up to 30 days later. {@code overspend} is what execution-service flags: the project's
     * running total in ledger order above its budget.
     */
    String generator(int from, int to) {
        String refund = "(" + rawRefund("g.r") + " AND NOT " + rawRefund("g.r - 1") + ")";
        return """
                SELECT p, r, p::bigint * 1000000 + r + 1 AS seq, entry_id, payment_id, kind, original_payment_id, fiscal_year, agency_code, project_code,
                    amount, fund_source, paid_on,
                    sum(amount) OVER (PARTITION BY p ORDER BY r) > budget_total AS overspend,
                    ((paid_on + time '09:00') + make_interval(secs => r %% 28800)) AT TIME ZONE 'Asia/Shanghai'
                        AS recorded_at
                FROM (
                    SELECT b.p, g.r, b.budget_total, %s AS entry_id, %s AS payment_id,
                        CASE WHEN %s THEN 'REFUND' ELSE 'PAYMENT' END AS kind,
                        CASE WHEN %s THEN %s END AS original_payment_id,
                        %d AS fiscal_year, b.agency_code, b.code AS project_code,
                        CASE WHEN %s THEN -greatest(0.01, round(%s * (0.3 + 0.6 * %s)::numeric, 2)) ELSE %s END
                            AS amount,
                        CASE WHEN %s THEN %s ELSE %s END AS fund_source,
                        date '2021-01-01' + CASE WHEN %s THEN least(364, %s + floor(30 * %s)::int) ELSE %s END
                            AS paid_on
                    FROM bench_project b CROSS JOIN LATERAL generate_series(0, b.entries - 1) AS g(r)
                    WHERE b.p BETWEEN %d AND %d
                ) e""".formatted(
                entryId("g.r"), entryId("g.r"),
                refund,
                refund, entryId("g.r - 1"),
                FISCAL_YEAR,
                refund, paymentAmount("g.r - 1"), u("g.r", 2), paymentAmount("g.r"),
                refund, paymentFund("g.r - 1"), paymentFund("g.r"),
                refund, paymentDay("g.r - 1"), u("g.r", 6), paymentDay("g.r"),
                from, to);
    }

    static final String LEDGER_COLUMNS = "seq, entry_id, payment_id, kind, original_payment_id, fiscal_year, agency_code, "
            + "project_code, amount, fund_source, paid_on, overspend, recorded_at";

    /** Condition on a generator row: it belongs to the slice that goes through Kafka. */
    String inSlice() {
        return "(p < " + sliceProjects + " AND r < " + slicePerProject + ")";
    }

    long sliceEntries() {
        return (long) sliceProjects * slicePerProject;
    }
}
