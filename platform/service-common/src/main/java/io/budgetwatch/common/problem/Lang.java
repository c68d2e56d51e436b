package io.budgetwatch.common.problem;

import java.util.List;
import java.util.Locale;

/** User-facing text is zh-CN unless the caller asks for English. */
public enum Lang {
    ZH, EN;

    /** Picks the language from an Accept-Language header value (first supported tag wins). */
    public static Lang fromAcceptLanguage(List<Locale> acceptable) {
        if (acceptable != null) {
            for (Locale locale : acceptable) {
                String language = locale.getLanguage();
                if ("en".equals(language)) {
                    return EN;
                }
                if ("zh".equals(language)) {
                    return ZH;
                }
            }
        }
        return ZH;
    }

    public String pick(String zh, String en) {
        return this == EN && en != null ? en : zh;
    }
}
