package io.budgetwatch.testsupport;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/** What a ledger must hold once a stream a test sent is consumed: entries, their sum, both per project. */
public final class ExpectedLedger {

    public long entries;
    public BigDecimal sum = BigDecimal.ZERO;
    /** Executed total per project code, in code order. */
    public final Map<String, BigDecimal> byProject = new TreeMap<>();
    public final Map<String, Long> entriesByProject = new HashMap<>();

    /** One entry of {@code amount} (negative for a refund) on {@code project}. */
    public void add(String project, BigDecimal amount) {
        entries++;
        sum = sum.add(amount);
        byProject.merge(project, amount, BigDecimal::add);
        entriesByProject.merge(project, 1L, Long::sum);
    }
}
