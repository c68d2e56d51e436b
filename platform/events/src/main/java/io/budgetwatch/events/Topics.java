package io.budgetwatch.events;

/** Kafka topic names shared by the suite. Every topic is keyed by project code. */
public final class Topics {
    /** Compacted: latest full snapshot of each project (goals-service). */
    public static final String PROJECTS = "goals.projects";
    /** Treasury payment records (external producer). */
    public static final String TREASURY_PAYMENTS = "treasury.payments";
    /** Rejected treasury records: original bytes plus reason headers. */
    public static final String TREASURY_PAYMENTS_DLQ = "treasury.payments.dlq";
    /** Treasury payment vouchers (国库集中支付凭证) as the integrated budget system publishes them, re-sent per state. */
    public static final String TREASURY_PAY_VOUCHERS = "treasury.pay-vouchers";
    /** Rejected voucher records: original bytes plus reason headers. */
    public static final String TREASURY_PAY_VOUCHERS_DLQ = "treasury.pay-vouchers.dlq";
    /** Accepted ledger entries (execution-service). */
    public static final String LEDGER = "execution.ledger";
    /** Per ledger write and project: the executed amounts it added per day and fund (execution-service). */
    public static final String PROJECT_TOTALS = "execution.project-totals";
    /** Indicator actuals (execution-service). */
    public static final String INDICATOR_REPORTS = "execution.indicator-reports";
    /** Deviation alerts (reporting-service). */
    public static final String ALERTS = "budget.alerts";
    /** Deviation explanations (偏差原因分析) recorded by planners, append-only history (reporting-service). */
    public static final String DEVIATION_EXPLANATIONS = "reporting.deviation-explanations";

    /** Header carrying the event id on every message the suite produces. */
    public static final String HEADER_EVENT_ID = "event-id";
    /** Header carrying the event type (record simple name). */
    public static final String HEADER_EVENT_TYPE = "event-type";

    /**
     * A topic of the suite: compacted topics keep the latest value per key; topics kept forever are
     * what a read model is rebuilt from, so Kafka must not delete them by age.
     */
    public record Spec(String name, boolean compacted, boolean keptForever) {

        /** Topic-level settings to create the topic with. */
        public java.util.Map<String, String> configs() {
            if (compacted) {
                return java.util.Map.of("cleanup.policy", "compact");
            }
            return keptForever ? java.util.Map.of("retention.ms", "-1") : java.util.Map.of();
        }
    }

    /** Every topic the suite uses; services create the missing ones at start-up. */
    public static final java.util.List<Spec> ALL = java.util.List.of(
            new Spec(PROJECTS, true, true),
            new Spec(TREASURY_PAYMENTS, false, false),
            new Spec(TREASURY_PAYMENTS_DLQ, false, false),
            new Spec(TREASURY_PAY_VOUCHERS, false, false),
            new Spec(TREASURY_PAY_VOUCHERS_DLQ, false, false),
            new Spec(LEDGER, false, true),
            new Spec(PROJECT_TOTALS, false, true),
            new Spec(INDICATOR_REPORTS, false, true),
            new Spec(ALERTS, false, false),
            new Spec(DEVIATION_EXPLANATIONS, false, true));

    private Topics() {
    }
}
