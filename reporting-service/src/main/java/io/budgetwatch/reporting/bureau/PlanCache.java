package io.budgetwatch.reporting.bureau;

import io.budgetwatch.reporting.evaluation.DisbursementPlan;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Parsed disbursement plans by fiscal year and content key (project.plan_key, the md5 of the plan): a key names
 * one content forever, so an entry never goes stale. Bounded: cleared when full (refilled by the next answers).
 */
@ApplicationScoped
public class PlanCache {

    static final int CAPACITY = 200_000;

    private final Map<Key, DisbursementPlan> plans = new ConcurrentHashMap<>();

    record Key(int fiscalYear, UUID planKey) {
    }

    public DisbursementPlan get(int fiscalYear, UUID planKey) {
        return plans.get(new Key(fiscalYear, planKey));
    }

    public void put(int fiscalYear, UUID planKey, DisbursementPlan plan) {
        if (plans.size() >= CAPACITY) {
            plans.clear();
        }
        plans.put(new Key(fiscalYear, planKey), plan);
    }
}
