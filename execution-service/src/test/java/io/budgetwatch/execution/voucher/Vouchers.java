package io.budgetwatch.execution.voucher;

import io.budgetwatch.execution.support.Fixtures;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/** Voucher records of the integrated budget system for tests, upper-case element names unless lowered. */
public final class Vouchers {

    private Vouchers() {
    }

    public static String certId() {
        return "VC" + UUID.randomUUID().toString().replace("-", "").substring(0, 24);
    }

    /** A pending voucher (not paid yet: no XPAY_DATE, XPAY_AMT 0.00) of the fixture agency. */
    public static Map<String, Object> pending(String certId, String project, String amount, String updateTime) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("PAY_CERT_ID", certId);
        v.put("PAY_CERT_NO", "NO" + certId.substring(2, 14));
        v.put("FISCAL_YEAR", "2021");
        v.put("MOF_DIV_CODE", "130303");
        v.put("AGENCY_CODE", Fixtures.AGENCY);
        v.put("AGENCY_NAME", "中共秦皇岛市山海关区委统战部本级");
        v.put("PRO_CODE", project);
        v.put("PRO_NAME", "统战宣传项目");
        v.put("PAY_AMT", amount);
        v.put("XPAY_AMT", "0.00");
        v.put("VOU_DATE", "2021-05-10");
        v.put("FUND_TYPE_CODE", "1");
        v.put("FUND_TYPE_NAME", "一般公共预算资金");
        v.put("EXP_FUNC_CODE", "2013601");
        v.put("GOV_BGT_ECO_CODE", "502");
        v.put("DEP_BGT_ECO_CODE", "30211");
        v.put("PAYEE_ACCT_NAME", "秦皇岛市某某印刷有限公司");
        v.put("USE_DES", "统战工作宣传资料印刷");
        v.put("SET_MODE_CODE", "2");
        v.put("PAY_BUS_TYPE_CODE", "1");
        v.put("IS_DELETED", 0);
        v.put("UPDATE_TIME", updateTime);
        return v;
    }

    /** The voucher paid: XPAY_AMT on XPAY_DATE. */
    public static Map<String, Object> paid(String certId, String project, String xpayAmt, String xpayDate,
                                           String updateTime) {
        Map<String, Object> v = pending(certId, project, xpayAmt, updateTime);
        v.put("XPAY_AMT", xpayAmt);
        v.put("XPAY_DATE", xpayDate);
        return v;
    }

    /** The same record with lower-case element names. */
    public static Map<String, Object> lower(Map<String, Object> v) {
        Map<String, Object> out = new LinkedHashMap<>();
        v.forEach((k, val) -> out.put(k.toLowerCase(Locale.ROOT), val));
        return out;
    }

    public static Map<String, Object> with(Map<String, Object> v, String element, Object value) {
        Map<String, Object> out = new LinkedHashMap<>(v);
        out.put(element, value);
        return out;
    }
}
