package io.budgetwatch.execution.contract;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One state of a treasury payment voucher (国库集中支付凭证) as the integrated budget system (预算管理一体化) sends it,
 * normalized by {@link VoucherParser}: element names of either case, amounts in yuan with 2 decimals, times as
 * Asia/Shanghai local date-times (a date alone is its midnight). {@code fundSource} is FUND_TYPE_CODE through the
 * configured table (FISCAL 财政资金 | OTHER 其他资金).
 *
 * <p>{@link #paid()}: XPAY_DATE present (XPAY_AMT then present and above 0). Only a paid voucher that is not
 * deleted (IS_DELETED = 1, 作废) counts as executed money, XPAY_AMT on the date of XPAY_DATE.
 */
public record VoucherRecord(
        String payCertId,
        String payCertNo,
        int fiscalYear,
        String mofDivCode,
        String agencyCode,
        String agencyName,
        String projectCode,
        String projectName,
        BigDecimal payAmt,
        BigDecimal xpayAmt,
        LocalDateTime vouDate,
        LocalDateTime xpayDate,
        String fundTypeCode,
        String fundTypeName,
        String fundSource,
        String expFuncCode,
        String govBgtEcoCode,
        String depBgtEcoCode,
        String payeeAcctName,
        String useDes,
        String setModeCode,
        String payBusTypeCode,
        boolean deleted,
        LocalDateTime updateTime) {

    public static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    /** Actually paid (实际支付): XPAY_DATE and XPAY_AMT present. */
    public boolean paid() {
        return xpayDate != null;
    }

    /** Counts as executed money: paid and not deleted. */
    public boolean counts() {
        return paid() && !deleted;
    }

    /** The payment date (XPAY_DATE's date), or null while pending. */
    public LocalDate paidOn() {
        return xpayDate == null ? null : xpayDate.toLocalDate();
    }

    /** The normalized record with lower-case element names, in the element order (what is stored and shown). */
    public Map<String, Object> elements() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("pay_cert_id", payCertId);
        m.put("pay_cert_no", payCertNo);
        m.put("fiscal_year", fiscalYear);
        m.put("mof_div_code", mofDivCode);
        m.put("agency_code", agencyCode);
        m.put("agency_name", agencyName);
        m.put("pro_code", projectCode);
        m.put("pro_name", projectName);
        m.put("pay_amt", payAmt == null ? null : payAmt.toPlainString());
        m.put("xpay_amt", xpayAmt == null ? null : xpayAmt.toPlainString());
        m.put("vou_date", time(vouDate));
        m.put("xpay_date", time(xpayDate));
        m.put("fund_type_code", fundTypeCode);
        m.put("fund_type_name", fundTypeName);
        m.put("exp_func_code", expFuncCode);
        m.put("gov_bgt_eco_code", govBgtEcoCode);
        m.put("dep_bgt_eco_code", depBgtEcoCode);
        m.put("payee_acct_name", payeeAcctName);
        m.put("use_des", useDes);
        m.put("set_mode_code", setModeCode);
        m.put("pay_bus_type_code", payBusTypeCode);
        m.put("is_deleted", deleted ? 1 : 0);
        m.put("update_time", time(updateTime));
        return m;
    }

    public static String time(LocalDateTime t) {
        return t == null ? null : TIME.format(t);
    }
}
