package io.budgetwatch.benchmarks;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A deterministic stream of treasury records (~300 bytes of JSON each): payments, a share of exact
 * re-sends (duplicates) and a share of partial refunds of earlier payments (on the same project, so
 * after their original on the same partition). Two instances with the same seed yield the same rows.
 */
final class Workload {

    /** One record as sent. */
    record Rec(String paymentId, String kind, String originalPaymentId, String projectCode, BigDecimal amount,
               String fundSource, String paidOn, String economicClass, String functionalClass, String authorityDocNo,
               String payee, String purpose, byte[] json, boolean duplicate) {
    }

    private static final String[] PAYEES = {
            "秦皇岛市海港区文印服务有限公司", "中国人民财产保险股份有限公司秦皇岛分公司", "山海关区某某办公用品商店",
            "秦皇岛市某某会议服务有限公司", "河北某某信息技术有限公司", "国网冀北电力有限公司秦皇岛供电公司"};
    private static final String[] PURPOSES = {
            "统战工作宣传资料印刷费", "公务用车保险费", "办公用品购置", "民主党派座谈会会议费", "信息系统运维服务费",
            "办公场所电费"};
    private static final String[] ECONOMIC = {"30201", "30211", "30215", "30227", "30206"};

    private final Random random;
    private final List<String> projects;
    private final String runId;
    private final double duplicateShare;
    private final double refundShare;
    private final List<Rec> recent = new ArrayList<>();
    private final List<Rec> refundable = new ArrayList<>();
    private int recentNext;
    private int index;

    long payments;
    long duplicates;
    long refunds;
    long bytes;
    BigDecimal sum = BigDecimal.ZERO;

    Workload(long seed, List<String> projects, String runId, double duplicateShare, double refundShare) {
        this.random = new Random(seed);
        this.projects = projects;
        this.runId = runId;
        this.duplicateShare = duplicateShare;
        this.refundShare = refundShare;
    }

    /** Ledger entries the stream creates (payments and refunds; duplicates create none). */
    long entries() {
        return payments + refunds;
    }

    Rec next() {
        double r = random.nextDouble();
        Rec rec;
        if (r < duplicateShare && !recent.isEmpty()) {
            Rec original = recent.get(random.nextInt(recent.size()));
            rec = new Rec(original.paymentId(), original.kind(), original.originalPaymentId(), original.projectCode(),
                    original.amount(), original.fundSource(), original.paidOn(), original.economicClass(),
                    original.functionalClass(), original.authorityDocNo(), original.payee(), original.purpose(),
                    original.json(), true);
            duplicates++;
        } else if (r < duplicateShare + refundShare && refundable.size() > 100) {
            int at = random.nextInt(refundable.size());
            Rec original = refundable.get(at);
            refundable.set(at, refundable.get(refundable.size() - 1));
            refundable.remove(refundable.size() - 1);
            BigDecimal part = original.amount().multiply(BigDecimal.valueOf(30 + random.nextInt(60)))
                    .divide(BigDecimal.valueOf(100), 2, java.math.RoundingMode.DOWN).max(new BigDecimal("0.01"));
            rec = record(runId + "-R" + index, "REFUND", original.paymentId(), original.projectCode(), part,
                    original.fundSource(), "退回" + original.purpose());
            refunds++;
            sum = sum.subtract(part);
        } else {
            String project = projects.get(random.nextInt(projects.size()));
            BigDecimal amount = BigDecimal.valueOf(1_000 + random.nextInt(9_999_000), 2);
            String fund = random.nextInt(10) < 7 ? "FISCAL" : "OTHER";
            rec = record(runId + "-" + index, "PAYMENT", null, project, amount, fund,
                    PURPOSES[random.nextInt(PURPOSES.length)]);
            payments++;
            sum = sum.add(amount);
            remember(rec);
            if (refundable.size() < 50_000) {
                refundable.add(rec);
            }
        }
        index++;
        bytes += rec.json().length;
        return rec;
    }

    private void remember(Rec rec) {
        if (recent.size() < 10_000) {
            recent.add(rec);
        } else {
            recent.set(recentNext, rec);
            recentNext = (recentNext + 1) % recent.size();
        }
    }

    private Rec record(String id, String kind, String original, String project, BigDecimal amount, String fund,
                       String purpose) {
        String paidOn = String.format("2021-%02d-%02d", 1 + random.nextInt(6), 1 + random.nextInt(28));
        String economic = ECONOMIC[random.nextInt(ECONOMIC.length)];
        String authority = "秦山财预〔2021〕" + (1 + random.nextInt(60)) + "号";
        String payee = PAYEES[random.nextInt(PAYEES.length)];
        StringBuilder sb = new StringBuilder(400)
                .append("{\"paymentId\":\"").append(id)
                .append("\",\"kind\":\"").append(kind).append('"');
        if (original != null) {
            sb.append(",\"originalPaymentId\":\"").append(original).append('"');
        }
        sb.append(",\"fiscalYear\":2021,\"agencyCode\":\"213001\",\"projectCode\":\"").append(project)
                .append("\",\"amount\":\"").append(amount.toPlainString())
                .append("\",\"fundSource\":\"").append(fund)
                .append("\",\"paidOn\":\"").append(paidOn)
                .append("\",\"economicClass\":\"").append(economic)
                .append("\",\"functionalClass\":\"2010101\",\"authorityDocNo\":\"").append(authority)
                .append("\",\"payee\":\"").append(payee)
                .append("\",\"purpose\":\"").append(purpose).append("\"}");
        return new Rec(id, kind, original, project, amount, fund, paidOn, economic, "2010101", authority, payee,
                purpose, sb.toString().getBytes(StandardCharsets.UTF_8), false);
    }
}
