package io.budgetwatch.reporting.progress;

import io.budgetwatch.common.problem.Lang;

/** Where a project stands against its disbursement plan. */
public enum ProgressStatus {
    ON_TRACK("正常", "On track"),
    LAGGING("滞后", "Lagging"),
    SERIOUSLY_LAGGING("严重滞后", "Seriously lagging"),
    OVERSPENT("超支", "Overspent");

    private final String zh;
    private final String en;

    ProgressStatus(String zh, String en) {
        this.zh = zh;
        this.en = en;
    }

    public String label(Lang lang) {
        return lang.pick(zh, en);
    }
}
