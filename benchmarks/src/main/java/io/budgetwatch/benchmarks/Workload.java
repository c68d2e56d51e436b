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
 *
 * <p>Payment dates ({@link Dates}): {@code CHRONOLOGICAL} (default) is how a treasury posts vouchers, each
 * when it is paid: the stream moves through January-June 2021 in order, a tenth of the records are late postings
 * dated up to 5 days back, and a refund is dated on the stream's day (never before its original).
 * {@code RANDOM} dates every record on any day of those six months, as a back-fill of old vouchers would: the
 * worst case for reporting-service's daily and monthly totals (nearly every record touches another
 * project/day/fund row).
 *
 * <p>{@link Form#VOUCHER}: the same stream (same seed, same draws, same amounts and sum) as treasury pay vouchers of
 * the integrated budget system on treasury.pay-vouchers: a payment is a voucher's first state, paid
 * ({@code XPAY_AMT} on {@code XPAY_DATE}, one ledger entry); a duplicate is the exact re-send of that state (no
 * entry); a refund is a later state of its original voucher ({@code UPDATE_TIME} later, {@code XPAY_AMT} lowered by
 * the refund's amount, same project, fund and date: one entry of the difference). {@code UPDATE_TIME} moves with the
 * stream (strictly increasing with the record's index), so every later state is later than its voucher's first.
 */
final class Workload {

    /** One record as sent. */
    record Rec(String paymentId, String kind, String originalPaymentId, String projectCode, BigDecimal amount,
               String fundSource, String paidOn, String economicClass, String functionalClass, String authorityDocNo,
               String payee, String purpose, byte[] json, boolean duplicate) {
    }

    private static final String[] PAYEES = {
            "秦皇岛文印服务公司", "人保财险秦皇岛分公司", "山海关区办公用品商店", "秦皇岛会议服务公司",
            "河北某信息技术公司", "国网秦皇岛供电公司"};
    private static final String[] PURPOSES = {
            "宣传资料印刷费", "公务用车保险费", "办公用品购置", "座谈会会议费", "系统运维服务费", "办公场所电费"};
    private static final String[] ECONOMIC = {"30201", "30211", "30215", "30227", "30206"};

    enum Dates { CHRONOLOGICAL, RANDOM }

    /** How the records are written: the payment contract (treasury.payments) or pay vouchers (treasury.pay-vouchers). */
    enum Form { PAYMENT, VOUCHER }

    private static final java.time.LocalDate FIRST_DAY = java.time.LocalDate.of(2021, 1, 4);
    private static final int DAYS = 178; // to 30 June

    private final Random random;
    private final Dates dates;
    private final Form form;
    private final long length;
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

    /** {@code length}: the records the stream will be asked for (chronological dates spread over them). */
    Workload(long seed, List<String> projects, String runId, double duplicateShare, double refundShare, Dates dates,
             long length) {
        this(seed, projects, runId, duplicateShare, refundShare, dates, length, Form.PAYMENT);
    }

    Workload(long seed, List<String> projects, String runId, double duplicateShare, double refundShare, Dates dates,
             long length, Form form) {
        this.random = new Random(seed);
        this.dates = dates;
        this.form = form;
        this.length = Math.max(1, length);
        this.projects = projects;
        this.runId = runId;
        this.duplicateShare = duplicateShare;
        this.refundShare = refundShare;
    }

    boolean vouchers() {
        return form == Form.VOUCHER;
    }

    /**
     * Ledger entries the stream creates (payments and refunds; duplicates create none). As vouchers: one per first
     * paid state and one per later state with a changed amount; exact re-sends create none.
     */
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
            Rec refund = record(runId + "-R" + index, "REFUND", original.paymentId(), original.projectCode(), part,
                    original.fundSource(), "退回" + original.purpose(), refundDay(original));
            // as vouchers, made after the same draws, so both forms stay in step
            rec = form == Form.VOUCHER ? laterState(original, part) : refund;
            refunds++;
            sum = sum.subtract(part);
        } else {
            String project = projects.get(random.nextInt(projects.size()));
            BigDecimal amount = BigDecimal.valueOf(1_000 + random.nextInt(9_999_000), 2);
            String fund = random.nextInt(10) < 7 ? "FISCAL" : "OTHER";
            rec = record(runId + "-" + index, "PAYMENT", null, project, amount, fund,
                    PURPOSES[random.nextInt(PURPOSES.length)], paymentDay());
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

    /** The day the stream has reached (chronological dates). */
    private int streamDay() {
        return (int) Math.min(DAYS - 1, (long) index * DAYS / length);
    }

    private String paymentDay() {
        if (dates == Dates.RANDOM) {
            return String.format("2021-%02d-%02d", 1 + random.nextInt(6), 1 + random.nextInt(28));
        }
        int day = streamDay();
        if (random.nextInt(10) == 0) {
            day = Math.max(0, day - 1 - random.nextInt(5)); // a late posting
        }
        return FIRST_DAY.plusDays(day).toString();
    }

    /** Never before its original (ISO dates compare as text). */
    private String refundDay(Rec original) {
        String day = dates == Dates.RANDOM ? paymentDay() : FIRST_DAY.plusDays(streamDay()).toString();
        return day.compareTo(original.paidOn()) < 0 ? original.paidOn() : day;
    }

    private Rec record(String id, String kind, String original, String project, BigDecimal amount, String fund,
                       String purpose, String paidOn) {
        String economic = ECONOMIC[random.nextInt(ECONOMIC.length)];
        String authority = "秦山财预〔2021〕" + (1 + random.nextInt(60)) + "号";
        String payee = PAYEES[random.nextInt(PAYEES.length)];
        if (form == Form.VOUCHER && kind.equals("PAYMENT")) {
            byte[] json = voucher(id, project, amount, amount, fund, paidOn, economic, payee, purpose);
            return new Rec(id, kind, original, project, amount, fund, paidOn, economic, "2010101", authority, payee,
                    purpose, json, false);
        }
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

    /**
     * The refund as vouchers: the original voucher's later state, its actual payment lowered by {@code part} on the
     * same date (the service books the difference).
     */
    private Rec laterState(Rec original, BigDecimal part) {
        BigDecimal paid = original.amount().subtract(part);
        byte[] json = voucher(original.paymentId(), original.projectCode(), original.amount(), paid,
                original.fundSource(), original.paidOn(), original.economicClass(), original.payee(), original.purpose());
        return new Rec(original.paymentId(), "REFUND", original.paymentId(), original.projectCode(), part,
                original.fundSource(), original.paidOn(), original.economicClass(), original.functionalClass(),
                original.authorityDocNo(), original.payee(), original.purpose(), json, false);
    }

    /** UPDATE_TIME of the record being made: moves through the stream's days with its index, strictly increasing. */
    private String updateTime() {
        long step = Math.max(1, DAYS * 86_400L / length);
        return FIRST_DAY.atStartOfDay().plusSeconds(index * step)
                .format(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss"));
    }

    /** A paid voucher state (国库集中支付凭证) as the integrated budget system sends it, upper-case element names. */
    private byte[] voucher(String certId, String project, BigDecimal payAmt, BigDecimal xpayAmt, String fund,
                           String paidOn, String economic, String payee, String purpose) {
        boolean fiscal = fund.equals("FISCAL");
        String sb = "{\"PAY_CERT_ID\":\"" + certId
                + "\",\"PAY_CERT_NO\":\"NO" + certId
                + "\",\"FISCAL_YEAR\":\"2021\",\"MOF_DIV_CODE\":\"130303\",\"AGENCY_CODE\":\"213001\""
                + ",\"AGENCY_NAME\":\"中共秦皇岛市山海关区委统战部本级\",\"PRO_CODE\":\"" + project
                + "\",\"PAY_AMT\":\"" + payAmt.toPlainString()
                + "\",\"XPAY_AMT\":\"" + xpayAmt.toPlainString()
                + "\",\"VOU_DATE\":\"" + paidOn
                + "\",\"XPAY_DATE\":\"" + paidOn + " 10:30:00"
                // the service's default fund table: 1 一般公共预算资金 -> FISCAL, 5 财政专户管理资金 -> OTHER
                + "\",\"FUND_TYPE_CODE\":\"" + (fiscal ? "1" : "5")
                + "\",\"FUND_TYPE_NAME\":\"" + (fiscal ? "一般公共预算资金" : "财政专户管理资金")
                + "\",\"EXP_FUNC_CODE\":\"2010101\",\"GOV_BGT_ECO_CODE\":\"502\",\"DEP_BGT_ECO_CODE\":\"" + economic
                + "\",\"PAYEE_ACCT_NAME\":\"" + payee
                + "\",\"USE_DES\":\"" + purpose
                + "\",\"SET_MODE_CODE\":\"2\",\"PAY_BUS_TYPE_CODE\":\"1\",\"IS_DELETED\":0,\"UPDATE_TIME\":\""
                + updateTime() + "\"}";
        return sb.getBytes(StandardCharsets.UTF_8);
    }
}
