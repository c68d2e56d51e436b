package io.budgetwatch.goals.document.parse;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The headers and labels tables are found by, with the spellings seen in 绩效目标表 forms. */
final class Labels {
    private Labels() {
    }

    enum Field {
        CODE, NAME, TOTAL, FISCAL, OTHER, PURPOSE, PURPOSE_SECTION, PLAN, GOALS, AGENCY, AGENCY_CODE, AGENCY_NAME, YEAR
    }

    enum Column {
        LEVEL1, LEVEL2, LEVEL3, DESCRIPTION, TARGET, BASIS, OPERATOR, UNIT
    }

    /** A recognised label; unit is what it says in brackets, e.g. 预算数（万元） gives 万元. */
    record Match(Field field, String unit) {
    }

    private static final Map<String, Field> FIELDS = new HashMap<>();
    private static final Map<String, Column> COLUMNS = new HashMap<>();
    private static final Pattern BRACKET = Pattern.compile("^(.+?)[(\\[【](.{1,6})[)\\]】]$");

    static {
        put(Field.CODE, "项目编码", "项目代码", "项目编号");
        put(Field.NAME, "项目名称");
        put(Field.TOTAL, "预算数", "预算总额", "年度预算数", "预算金额", "资金总额", "年度资金总额", "项目资金总额",
                "项目总额", "预算资金总额", "年度预算资金");
        put(Field.FISCAL, "财政资金", "财政拨款", "财政拨款资金", "财政性资金");
        put(Field.OTHER, "其他资金", "其它资金");
        put(Field.PURPOSE, "资金用途", "用途", "项目用途", "资金用途说明");
        put(Field.GOALS, "绩效目标", "年度绩效目标", "项目绩效目标", "年度目标", "总体目标", "年度总体目标",
                "项目年度绩效目标");
        put(Field.AGENCY, "预算单位", "单位名称及编码", "单位编码及名称");
        put(Field.AGENCY_CODE, "单位编码", "单位代码", "预算单位编码", "预算单位代码");
        put(Field.AGENCY_NAME, "单位名称", "预算单位名称");
        put(Field.YEAR, "年度", "预算年度");
        col(Column.LEVEL1, "一级指标");
        col(Column.LEVEL2, "二级指标");
        col(Column.LEVEL3, "三级指标", "三级指标名称", "指标名称");
        col(Column.DESCRIPTION, "绩效指标描述", "指标描述", "指标内容", "指标解释", "指标说明");
        col(Column.TARGET, "指标值", "目标值", "年度指标值", "绩效指标值", "年度目标值", "指标目标值");
        col(Column.BASIS, "指标值确定依据", "确定依据", "指标值设定依据", "设定依据", "指标值确定依据及说明");
        col(Column.OPERATOR, "指标性质", "运算符号", "符号");
        col(Column.UNIT, "计量单位", "度量单位", "单位");
    }

    /** Columns an indicator table must have. */
    static final List<Column> REQUIRED = List.of(Column.LEVEL1, Column.LEVEL2, Column.LEVEL3, Column.TARGET);

    static String columnName(Column c) {
        return switch (c) {
            case LEVEL1 -> "一级指标";
            case LEVEL2 -> "二级指标";
            case LEVEL3 -> "三级指标";
            case DESCRIPTION -> "绩效指标描述";
            case TARGET -> "指标值";
            case BASIS -> "指标值确定依据";
            case OPERATOR -> "指标性质";
            case UNIT -> "计量单位";
        };
    }

    private static void put(Field f, String... names) {
        for (String n : names) {
            FIELDS.put(n, f);
        }
    }

    private static void col(Column c, String... names) {
        for (String n : names) {
            COLUMNS.put(n, c);
        }
    }

    private static final Set<String> UNITS = Set.of("元", "万元", "千元", "亿元", "%", "百分比", "人民币元");

    /** The label a project-table cell holds, or null. */
    static Match field(String text) {
        String l = TextNorm.label(text);
        if (l.isEmpty() || l.length() > 24) {
            return null;
        }
        String unit = null;
        Matcher b = BRACKET.matcher(l);
        if (b.matches() && UNITS.contains(b.group(2))) {
            l = b.group(1);
            unit = b.group(2);
        }
        if (l.startsWith("其中:")) {
            l = l.substring(3);
        } else if (l.startsWith("其中")) {
            l = l.substring(2);
        }
        Field f = FIELDS.get(l);
        if (f != null) {
            return new Match(f, unit);
        }
        if (l.startsWith("资金支出计划") || l.startsWith("支出计划") || l.startsWith("资金使用计划")
                || l.startsWith("用款计划") || l.startsWith("资金支付计划")) {
            return new Match(Field.PLAN, unit);
        }
        if (l.contains("资金用途")) {
            return new Match(Field.PURPOSE_SECTION, unit);
        }
        return null;
    }

    /** The indicator-table column a header cell names, or null. */
    static Column column(String text) {
        String l = TextNorm.label(text);
        Matcher b = BRACKET.matcher(l);
        if (b.matches() && COLUMNS.containsKey(b.group(1))) {
            l = b.group(1);
        }
        return COLUMNS.get(l);
    }

    /** Money unit line: 单位：元, 金额单位：万元, （单位：元）. Returns the unit as written, or null. */
    static String moneyUnitLine(String text) {
        String t = TextNorm.squeeze(TextNorm.halfWidth(text));
        if (t.startsWith("(") && t.endsWith(")")) {
            t = t.substring(1, t.length() - 1);
        }
        Matcher m = UNIT_LINE.matcher(t);
        if (!m.matches()) {
            return null;
        }
        String u = m.group(1);
        if (u.startsWith("人民币") && u.length() > 3) {
            u = u.substring(3);
        }
        // "单位：万元、%" names the unit of the amounts and of the percents
        String[] parts = u.split("[、,/;]");
        if (parts.length == 2) {
            if (parts[1].equals("%") && !parts[0].equals("%")) {
                return parts[0];
            }
            if (parts[0].equals("%") && !parts[1].equals("%")) {
                return parts[1];
            }
        }
        return u;
    }

    private static final Pattern UNIT_LINE = Pattern.compile("^(?:金额|资金|货币|计量)?单位[:]([^\\d:]{1,7})$");

    /** 213001中共…本级, 预算单位：213001 中共… ; returns {code, name} or null. */
    static String[] agencyLine(String text) {
        String t = TextNorm.trim(TextNorm.halfWidth(text));
        Matcher m = AGENCY_LINE.matcher(t);
        if (!m.matches()) {
            return null;
        }
        String name = TextNorm.trim(m.group(2));
        if (!TextNorm.hasHan(name) || name.length() < 2) {
            return null;
        }
        return new String[]{m.group(1), name};
    }

    private static final Pattern AGENCY_LINE = Pattern.compile(
            "^(?:(?:预算单位|单位名称|单位|部门)\\s*[:]\\s*)?\\[?(\\d{6,12})\\]?\\s*[-_]?\\s*([^\\d\\s].*)$");

    static boolean isStopRow(String firstText) {
        String l = TextNorm.label(firstText);
        return l.equals("备注") || l.equals("说明") || l.equals("填表说明") || l.startsWith("注:") || l.equals("注")
                || l.startsWith("备注:") || l.startsWith("填表人") || l.startsWith("填报人") || l.startsWith("联系人")
                || l.startsWith("单位负责人") || l.startsWith("财务负责人") || l.startsWith("审核人") || l.startsWith("填报日期");
    }
}
