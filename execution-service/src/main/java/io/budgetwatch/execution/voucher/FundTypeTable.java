package io.budgetwatch.execution.voucher;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The configured FUND_TYPE_CODE table (资金性质 → 财政资金 FISCAL / 其他资金 OTHER), checked at start: a value other than
 * FISCAL or OTHER stops the service rather than counting money under a wrong source.
 */
@ApplicationScoped
public class FundTypeTable {

    @Inject
    VoucherSettings settings;

    private Map<String, String> table;

    @PostConstruct
    void init() {
        table = of(settings.fundTypes());
    }

    /** The table checked: codes as configured, values FISCAL or OTHER. */
    static Map<String, String> of(Map<String, String> configured) {
        Map<String, String> checked = new TreeMap<>();
        configured.forEach((code, source) -> {
            String s = source == null ? "" : source.strip();
            if (!Set.of("FISCAL", "OTHER").contains(s)) {
                throw new IllegalStateException("budgetwatch.execution.pay-vouchers.fund-types." + code
                        + " must be FISCAL or OTHER, not '" + source + "'");
            }
            checked.put(code.strip(), s);
        });
        return Map.copyOf(checked);
    }

    /** FISCAL or OTHER, or null when the table does not list the code. */
    public String fundSource(String fundTypeCode) {
        return fundTypeCode == null ? null : table.get(fundTypeCode);
    }

    public Map<String, String> table() {
        return new TreeMap<>(table);
    }
}
