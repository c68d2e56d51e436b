package io.budgetwatch.goals.document.parse;

import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableCell;
import org.apache.poi.xwpf.usermodel.XWPFTableRow;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTTcPr;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STMerge;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Goal documents for tests, in every accepted format. {@link #seed()} is the seed document
 * ({@code seed/goal-document-2021.txt}, the demo copy in deploy/local/demo) as a model that can be changed and rendered as the text
 * export ({@link GoalDoc#toText()}), a Word document with real tables, vertically merged cells and
 * spans ({@link GoalDoc#toDocx()}), the Excel template ({@link GoalDoc#toXlsxTemplate()}) or a sheet
 * laid out like the Word table ({@link GoalDoc#toXlsxWordLayout()}). The malformed documents at the
 * end are the seed with one defect each.
 */
public final class TestDocuments {
    public static final String SEED_RESOURCE = "/seed/goal-document-2021.txt";
    public static final String SEED_AGENCY_CODE = "213001";
    public static final String SEED_AGENCY_NAME = "中共秦皇岛市山海关区委统战部本级";
    public static final int SEED_FISCAL_YEAR = 2021;
    public static final int SEED_PROJECTS = 7;
    public static final int SEED_INDICATORS = 58;
    public static final int SEED_DUTIES = 3;
    public static final BigDecimal SEED_TOTAL_BUDGET = new BigDecimal("894000.00");
    public static final List<String> SEED_PROJECT_CODES = List.of("130303210B2L85R7NSB45", "130303210UNGGXM50XP9G",
            "13030321A4GNQBCU9KKF1", "13030321BDKAOQ9USZVXT", "13030321DPERPAZTW8YXH", "13030321RSYRAZQQZL6SL",
            "13030321VD9G2KEVUL475");

    private TestDocuments() {
    }

    // ---------------------------------------------------------------------------------------------
    // the seed in every format

    /** The seed exactly as exported from Word (UTF-8 text). */
    public static byte[] seedText() {
        try (InputStream in = TestDocuments.class.getResourceAsStream(SEED_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("test resource " + SEED_RESOURCE + " missing");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The seed as a Word document: one project table and one indicator table per project. */
    public static byte[] seedDocx() {
        return seed().toDocx();
    }

    /** The seed in the Excel template (sheets 项目, 指标, 绩效目标, 部门职责). */
    public static byte[] seedXlsx() {
        return seed().toXlsxTemplate();
    }

    /** The seed as one Excel sheet laid out like the Word tables (merged cells included). */
    public static byte[] seedXlsxWordLayout() {
        return seed().toXlsxWordLayout();
    }

    /** The seed as a text document rendered from the model (not the original file). */
    public static byte[] seedTextFromModel() {
        return seed().toText();
    }

    /**
     * The seed with one project's budget changed, e.g. for a second version of the same agency and
     * year. Amounts as written in the table (元).
     */
    public static byte[] seedTextWithBudget(String projectCode, String total, String fiscal, String other) {
        GoalDoc d = seed();
        Project p = d.project(projectCode);
        p.total = total;
        p.fiscal = fiscal;
        p.other = other;
        return d.toText();
    }

    // ---------------------------------------------------------------------------------------------
    // malformed documents (422 with a location)

    public static byte[] emptyBody() {
        return new byte[0];
    }

    /** Deterministic random bytes: not UTF-8, not a zip. */
    public static byte[] binaryGarbage() {
        byte[] b = new byte[4096];
        new Random(20210101L).nextBytes(b);
        b[0] = (byte) 0xC3;
        b[1] = (byte) 0x28;
        return b;
    }

    /** Table 2's indicator table lost its 指标值 column. */
    public static byte[] missingColumnText() {
        GoalDoc d = seed();
        d.projects.get(1).removeIndicatorColumn("指标值");
        return d.toText();
    }

    /** Table 3's plan goes 25, 50, 40, 100. */
    public static byte[] decreasingPlanText() {
        GoalDoc d = seed();
        d.projects.get(2).percents = list("25.00%", "50.00%", "40.00%", "100.00%");
        return d.toText();
    }

    /** Table 2's 预算数 is not 财政资金 + 其他资金. */
    public static byte[] sumMismatchText() {
        GoalDoc d = seed();
        d.projects.get(1).total = "230000.00";
        return d.toText();
    }

    /** Table 4 says 单位：千元. */
    public static byte[] unknownUnitText() {
        GoalDoc d = seed();
        d.projects.get(3).unitLine = "单位：千元";
        return d.toText();
    }

    /** Table 5's project code has 20 characters. */
    public static byte[] badProjectCodeText() {
        GoalDoc d = seed();
        d.projects.get(4).code = "13030321DPERPAZTW8YX";
        return d.toText();
    }

    /** Table 1's 财政资金 is written in words. */
    public static byte[] nonNumericAmountText() {
        GoalDoc d = seed();
        d.projects.get(0).fiscal = "四千元";
        return d.toText();
    }

    /** Table 6's plan stops at 90%. */
    public static byte[] incompletePlanText() {
        GoalDoc d = seed();
        d.projects.get(5).percents = list("25", "50", "75", "90");
        return d.toText();
    }

    /** Table 7's plan has 120%. */
    public static byte[] planOverHundredText() {
        GoalDoc d = seed();
        d.projects.get(6).percents = list("25.00%", "50.00%", "120.00%", "100.00%");
        return d.toText();
    }

    // ---------------------------------------------------------------------------------------------
    // the seed's content

    public static GoalDoc seed() {
        GoalDoc doc = new GoalDoc();
        Duty d;
        Project p;
        d = duty(doc, 1, "开展统战工作专项业务");
        d.line("主要职责是", "组织协调做好民主党派、无党派人士、民族宗教、港澳台海外统战、非公经济人士统战、党外知识分子等工作；承担联系民主党派和无党派代表人士，反映意见建议；积极推进政治协商，民主监督工作，实现区委、区政府在重大问题上与社会各界人士的沟通；协助各民主党派搞好组织建设，为其参政议政创造条件的日常工作；承担调查研究、协调检查有关民族和宗教工作的重大方针、政策问题；联系少数民族和宗教界代表人物的日常工作；承担开展以祖国统一为重点的海外统战工作，联系香港、澳门、台湾和海外有关党派、团体及代表人士；做好台胞、台属工作的日常工作；承担联系、培养非公经济代表人士，开展思想政治工作，负责非公经济领域统战工作的有关方针政策的调研并提出建议，促进民营经济健康发展，引导非公经济人士开展光彩事业的日常工作。");
        d.line("职责目标是", "调查研究统一战线的理论和方针政策，组织贯彻执行中央和区委关于统一战线的方针、政策；向区委反映统一战线全面情况，提出开展统战工作的意见和建议；检查统战政策执行情况，协调统一战线各方面的关系。");
        d.line("绩效目标是", "不断推进多党合作和政治协商的制度化、规范化，协助民主党派建设高素质干部队伍，不断提高参政议政、民主监督水平。不断推进港澳台海外统战工作创新发展，为祖国和平统一事业以及我区对外开放和经济社会发展做贡献。促进非公经济人士健康成长和非公经济健康发展。凝聚共识，弘扬正能量；发挥人才智力优势，服务经济社会发展。。");
        d.line("绩效指标是", "反映为区委、区政府提出意见建议情况；反映开展会议培训、对外接待、慰问活动等工作开展情况；反映组织区直干部挂职民企活动情况；反映开展\"送服务、解难题、促发展\"活动情况；反映开展调研和举办培训考察班情况率。");
        d.line("绩效标准：", "充分保障完成各项工作的为优；较好保障完成各项工作的为良；基本保障完成各项工作的为中；不能保障完成各项工作的为差。");
        d = duty(doc, 2, "党外干部队伍建设");
        d.line("主要职责是", "负责党外人士的政治安排；做好党外后备干部和新的代表人物队伍的建设工作；协助民主党派、区工商联和区有关统战团体做好干部管理工作。");
        d.line("职责目标是", "做好党外人士的政治安排；做好党外后备干部和新的代表人物队伍的建设工作；协助民主党派、区工商联和区有关统战团体做好干部管理工作。");
        d.line("绩效目标是", "提升党外干部队伍整体素质，增强党外干部政治把握能力、参政议政能力、组织领导能力和合作共事能力；完善全区党外代表人士信息。");
        d.line("绩效指标是", "党外干部培养人数。");
        d.line("绩效标准：", "反映党外干部遴选培养情况。");
        d = duty(doc, 3, "统战事务管理工作。");
        d.line("主要职责是", "负责统战综合业务管理。综合调研统战理论政策；负责全区统战宣传和联络工作以及涉及统战各界人士的综合性工作；指导、协调基层以及各有关部门的统战工作，负责培训工作；领导、指导、联系、代管相关统战单位；完成上级和领导交办的其他任务。");
        d.line("职责目标是", "完成好统战综合业务管理工作。");
        d.line("绩效目标是", "提升统战理论研究实力和社会影响力，提高统战工作科学化水平，更好地服务全区中心工作。");
        d.line("绩效指标", "课题完成率和基层统战工作人员培训比例。");
        d.line("绩效标准：", "反映调研课题完成情况和基层统战人员培训情况。充分完成的为优；较好完成的为良；基本保障的为中；不能完成的为差。");
        p = project(doc, "1.车辆保险费绩效目标表", "130303210B2L85R7NSB45", "车辆保险费", "4000.00", "4000.00", "0", "公务用车正常运转");
        p.percents = list("25.00%", "50.00%", "75.00%", "100.00%");
        p.goals = list("1.公务用车正常运转", "2.公务用车正常运转", "3.公务用车正常运转");
        p.indicator("产出指标|数量指标|年度服务部门数量|年度服务部门数量|≥1个|年度工作计划");
        p.indicator("|质量指标|正常使用率|正常使用率|≥90%|年度工作计划");
        p.indicator("|时效指标|完工及时率|完工及时率|≥90%|年度工作计划");
        p.indicator("|成本指标|资金成本|资金成本|≤4000元|年度工作计划");
        p.indicator("效益指标|社会效益指标|提供优质服务|提供优质服务|提供优质服务|年度工作计划");
        p.indicator("满意度指标|服务对象满意度指标|用户使用满意度|用户使用满意度|≥90%|年度工作计划");
        p = project(doc, "2.提前下达2021年省级少数民族发展资金绩效目标表", "130303210UNGGXM50XP9G", "提前下达2021年省级少数民族发展资金", "220000.00", "220000.00", "0", "用于少数民族特色村寨建设");
        p.percents = list("25.00%", "50.00%", "75.00%", "100.00%");
        p.goals = list("1.少数民族特色村寨建设");
        p.indicator("产出指标|数量指标|评估报告数量|评估报告数量|≥90%|冀财规【2020】26号");
        p.indicator("|质量指标|正常使用率|正常使用率|≥90%|冀财规【2020】26号");
        p.indicator("|时效指标|各项任务完成及时率|各项任务完成及时率|≥90%|冀财规【2020】26号");
        p.indicator("|成本指标|资金成本|资金成本|≥90%|冀财规【2020】26号");
        p.indicator("效益指标|经济效益指标|提高效率|提高效率|≥90%|冀财规【2020】26号");
        p.indicator("|社会效益指标|社会氛围|社会氛围|≥90%|冀财规【2020】26号");
        p.indicator("|生态效益指标|结果准确性|结果准确性|≥90%|冀财规【2020】26号");
        p.indicator("|可持续影响指标|长期使用性|长期使用性|≥90%|冀财规【2020】26号");
        p.indicator("满意度指标|服务对象满意度指标|服务对象满意度|服务对象满意度|≥90%|冀财规【2020】26号");
        p = project(doc, "3.综合业务经费绩效目标表", "13030321A4GNQBCU9KKF1", "综合业务经费", "50000.00", "50000.00", "0", "统战工作正常运转");
        p.percents = list("25.00%", "50.00%", "75.00%", "100.00%");
        p.goals = list("1.统战工作正常运转");
        p.indicator("产出指标|数量指标|活动开展次数|年度内开展活动次数|≥3次|年度工作计划");
        p.indicator("|质量指标|统战工作完成情况|完成任务量占计划量的比例|≥90%|年度工作计划");
        p.indicator("|时效指标|助力经济社会发展|建言献策，助力本区经济社会发展|≥3篇|年度工作计划");
        p.indicator("|成本指标|会议培训标准|会议培训标准控制情况|≤3次|年度工作计划");
        p.indicator("效益指标|经济效益指标|困难和问题有效解决率|有效解决困难和问题数量占总的困难和问题的比率|≥90%|年度工作计划");
        p.indicator("|社会效益指标|助力经济社会发展|建言献策，助力本区经济社会发展|≥3篇|年度工作计划");
        p.indicator("满意度指标|服务对象满意度指标|服务对象满意度|服务对象满意度|≥90%|年度工作计划");
        p = project(doc, "4.提前下达省级2010年普惠金融发展专项资金（民贸民品企业贷款贴息）绩效目标表", "13030321BDKAOQ9USZVXT", "提前下达省级2010年普惠金融发展专项资金（民贸民品企业贷款贴息）", "300000.00", "300000.00", "0", "用于民品贷款贴息");
        p.percents = list("25.00%", "50.00%", "75.00%", "100.00%");
        p.goals = list("1.民品贷款贴息正常使用");
        p.indicator("产出指标|数量指标|评估报告数量|评估报告数量|≥90%|冀财规【2019】12号");
        p.indicator("|质量指标|正常使用率|正常使用率|≥90%|冀财规【2019】12号");
        p.indicator("|时效指标|各项任务完成及时率|各项任务完成及时率|≥90%|冀财规【2019】12号");
        p.indicator("|成本指标|资金成本|资金成本|≥90%|冀财规【2019】12号");
        p.indicator("效益指标|经济效益指标|提高效率|提高效率|≥90%|冀财规【2019】12号");
        p.indicator("|社会效益指标|促进企业发展|促进企业发展|≥90%|冀财规【2019】12号");
        p.indicator("|生态效益指标|结果准确性|结果准确性|≥90%|冀财规【2019】12号");
        p.indicator("|可持续影响指标|长期使用性|长期使用性|≥90%|冀财规【2019】12号");
        p.indicator("满意度指标|服务对象满意度指标|企业满意度|企业满意度|≥90%|冀财规【2019】12号");
        p = project(doc, "5.宗教治理经费绩效目标表", "13030321DPERPAZTW8YXH", "宗教治理经费", "60000.00", "60000.00", "0", "宗教治理工作");
        p.percents = list("25.00%", "50.00%", "75.00%", "100.00%");
        p.goals = list("1.宗教治理工作");
        p.indicator("产出指标|数量指标|广告宣传数量|广告宣传数量|≥90%|年度工作计划");
        p.indicator("|质量指标|完成情况|完成情况|≥90%|年度工作计划");
        p.indicator("|时效指标|各项任务完成及时率|各项任务完成及时率|≥90%|年度工作计划");
        p.indicator("|成本指标|项目成本|项目成本|≥90%|年度工作计划");
        p.indicator("效益指标|经济效益指标|提高工作效率|提高工作效率|≥90%|年度工作计划");
        p.indicator("|社会效益指标|社会效益显著|社会效益显著|≥90%|年度工作计划");
        p.indicator("|生态效益指标|结果准确性|结果准确性|≥90%|年度工作计划");
        p.indicator("|可持续影响指标|长期使用性|长期使用性|≥90%|年度工作计划");
        p.indicator("满意度指标|服务对象满意度指标|服务对象的满意度|服务对象的满意度|≥90%|年度工作计划");
        p = project(doc, "6.民贸民品贴息绩效目标表", "13030321RSYRAZQQZL6SL", "民贸民品贴息", "200000.00", "200000.00", "0", "及时将民品贴息下拨到位");
        p.percents = list("25", "50", "75", "100");
        p.goals = list("1.及时将民品贴息下拨到位");
        p.indicator("产出指标|数量指标|评估报告数量|评估报告数量|≥90%|山财字【2019】73号");
        p.indicator("|质量指标|正常使用率|正常使用率|≥90%|山财字【2019】73号");
        p.indicator("|时效指标|各项任务完成及时率|各项任务完成及时率|≥90%|山财字【2019】73号");
        p.indicator("|成本指标|资金成本|资金成本|≥90%|山财字【2019】73号");
        p.indicator("效益指标|经济效益指标|提高效率|提高效率|≥90%|山财字【2019】73号");
        p.indicator("|社会效益指标|促进企业发展|促进企业发展|≥90%|山财字【2019】73号");
        p.indicator("|生态效益指标|结果准确性|结果准确性|≥90%|山财字【2019】73号");
        p.indicator("|可持续影响指标|长期使用性|长期使用性|≥90%|山财字【2019】73号");
        p.indicator("满意度指标|服务对象满意度指标|企业满意度|企业满意度|≥90%|山财字【2019】73号");
        p = project(doc, "7.民革、民盟、民建、民进、农工、九三，民主党派活动经费绩效目标表", "13030321VD9G2KEVUL475", "民革、民盟、民建、民进、农工、九三，民主党派活动经费", "60000.00", "60000.00", "0", "用于各党派工作正常运行");
        p.percents = list("25.00%", "50.00%", "75.00%", "100.00%");
        p.goals = list("1.用于各党派工作正常运行");
        p.indicator("产出指标|数量指标|活动开展次数|活动开展次数|≥3次|年度工作计划");
        p.indicator("|质量指标|调研报告采用率|反应提交政协、统战部及上级部门采用率|≥90%|年度工作计划");
        p.indicator("|时效指标|及时性|及时性|≥90%|年度工作计划");
        p.indicator("|成本指标|工作开展所需的成本情况|工作开展所需的成本情况|≤6万元|年度工作计划");
        p.indicator("效益指标|经济效益指标|提高效率|提高效率|≥90%|年度工作计划");
        p.indicator("|社会效益指标|助力社会经济发展|建言献策、助力本市经济社会发展|≥90%|年度工作计划");
        p.indicator("|生态效益指标|满足生态环保要求|满足生态环保要求|建言献策、助力本市经济社会发展|年度工作计划");
        p.indicator("|可持续影响指标|社情民意信息报送|社情民意信息报送|≥90%|年度工作计划");
        p.indicator("满意度指标|服务对象满意度指标|群众满意度|群众满意度|≥90%|年度工作计划");
        return doc;
    }

    private static Duty duty(GoalDoc doc, int seq, String title) {
        Duty d = new Duty(seq, title);
        doc.duties.add(d);
        return d;
    }

    private static Project project(GoalDoc doc, String title, String code, String name, String total, String fiscal,
                                   String other, String purpose) {
        Project p = new Project();
        p.title = title;
        p.code = code;
        p.name = name;
        p.total = total;
        p.fiscal = fiscal;
        p.other = other;
        p.purpose = purpose;
        doc.projects.add(p);
        return p;
    }

    @SafeVarargs
    public static <T> List<T> list(T... items) {
        return new ArrayList<>(Arrays.asList(items));
    }

    // ---------------------------------------------------------------------------------------------
    // the model

    /** A duty of part 1: title and its labelled lines (label as written, e.g. "主要职责是", then the text). */
    public static final class Duty {
        public int seq;
        public String title;
        public final List<String[]> lines = new ArrayList<>();

        public Duty(int seq, String title) {
            this.seq = seq;
            this.title = title;
        }

        public Duty line(String label, String text) {
            lines.add(new String[]{label, text});
            return this;
        }

        String text(String labelStart) {
            return lines.stream().filter(l -> l[0].startsWith(labelStart)).map(l -> l[1]).findFirst().orElse("");
        }
    }

    /** A cell of a rendered table; mergedUp = continues the cell above (vertical merge). */
    public record TCell(String text, boolean mergedUp) {
        static TCell of(String text) {
            return new TCell(text, false);
        }

        static final TCell UP = new TCell("", true);
    }

    /** One project table (绩效目标表) as written. */
    public static final class Project {
        public String title;
        public String agency = "213001中共秦皇岛市山海关区委统战部本级";
        /** null: no unit line in this table. */
        public String unitLine = "单位：元";
        /** Write the agency and unit lines as paragraphs above the table instead of its first row. */
        public boolean preambleAsParagraphs;
        public String code;
        public String name;
        public String budgetLabel = "预算规模及资金用途";
        public String totalLabel = "预算数";
        public String fiscalLabel = "其中：财政资金";
        public String otherLabel = "其他资金";
        public String total;
        public String fiscal;
        public String other;
        public String purpose;
        public String planLabel = "资金支出计划（%）";
        public List<String> checkpoints = list("3月底", "6月底", "10月底", "12月底");
        public List<String> percents = list("25.00%", "50.00%", "75.00%", "100.00%");
        public String goalsLabel = "绩效目标";
        /** Goal lines as written, numbering included. */
        public List<String> goals = list();
        public List<String> indicatorHeader = list("一级指标", "二级指标", "三级指标", "绩效指标描述", "指标值", "指标值确定依据");
        /** Indicator rows under indicatorHeader; a blank 一级/二级 cell continues the row above. */
        public List<List<String>> indicators = new ArrayList<>();

        /** Adds a row written as "一级|二级|三级|描述|指标值|依据". */
        public Project indicator(String row) {
            indicators.add(list(row.split("\\|", -1)));
            return this;
        }

        public Project removeIndicatorColumn(String header) {
            int i = indicatorHeader.indexOf(header);
            if (i < 0) {
                throw new IllegalArgumentException(header);
            }
            indicatorHeader.remove(i);
            for (List<String> r : indicators) {
                r.remove(i);
            }
            return this;
        }

        /** Index of a column in indicator rows. */
        public int column(String header) {
            return indicatorHeader.indexOf(header);
        }

        List<List<TCell>> headerRows() {
            List<List<TCell>> rows = new ArrayList<>();
            if (!preambleAsParagraphs) {
                rows.add(unitLine == null ? List.of(TCell.of(agency)) : List.of(TCell.of(agency), TCell.of(unitLine)));
            }
            rows.add(List.of(TCell.of("项目编码"), TCell.of(code), TCell.of("项目名称"), TCell.of(name)));
            rows.add(List.of(TCell.of(budgetLabel), TCell.of(totalLabel), TCell.of(total), TCell.of(fiscalLabel),
                    TCell.of(fiscal), TCell.of(otherLabel), TCell.of(other)));
            rows.add(List.of(TCell.UP, TCell.of(purpose)));
            List<TCell> cps = new ArrayList<>(List.of(TCell.of(planLabel)));
            checkpoints.forEach(c -> cps.add(TCell.of(c)));
            rows.add(cps);
            List<TCell> pcts = new ArrayList<>(List.of(TCell.UP));
            percents.forEach(c -> pcts.add(TCell.of(c)));
            rows.add(pcts);
            rows.add(List.of(TCell.of(goalsLabel), TCell.of(String.join("\n", goals))));
            return rows;
        }

        List<String> preambleParagraphs() {
            List<String> out = new ArrayList<>();
            if (preambleAsParagraphs) {
                out.add(agency);
                if (unitLine != null) {
                    out.add(unitLine);
                }
            }
            return out;
        }

        List<List<TCell>> indicatorRows() {
            List<List<TCell>> rows = new ArrayList<>();
            List<TCell> h = new ArrayList<>();
            indicatorHeader.forEach(x -> h.add(TCell.of(x)));
            rows.add(h);
            int l1 = indicatorHeader.indexOf("一级指标");
            int l2 = indicatorHeader.indexOf("二级指标");
            for (int r = 0; r < indicators.size(); r++) {
                List<TCell> row = new ArrayList<>();
                for (int c = 0; c < indicators.get(r).size(); c++) {
                    String t = indicators.get(r).get(c);
                    boolean up = r > 0 && t.isEmpty() && (c == l1 || c == l2);
                    row.add(up ? TCell.UP : TCell.of(t));
                }
                rows.add(row);
            }
            return rows;
        }
    }

    /** A whole goal document: part 1 (optional) and the project tables. */
    public static final class GoalDoc {
        public List<String> lead = list(" 第一部分", "部门整体绩效目标", " ");
        public boolean part1 = true;
        public String overallHeading = "一、总体绩效目标";
        public String overallIntro = "本年度山海关区委统战部总体绩效目标：";
        public String detailHeading = "二、分项绩效目标";
        public String detailIntro = "本年度山海关区委统战部部门职责共分三项，下面就这三职责分别说明：";
        /** State the duties twice (总体 and 分项), as the seed does. */
        public boolean repeatDuties = true;
        public final List<Duty> duties = new ArrayList<>();
        public List<String> measures = list("三、工作保障措施",
            "工作保障措施",
            "始终把加强统战工作作为促进发展的重要动力，立足本区实际，采取三项措施破解统战难题。",
            "一是强化组织领导，不断夯实工作责任。区委专门成立统战工作领导小组，由区委书记任组长，各镇街配备统战信息联络员，区委坚持每年召开一次统战工作专题会，研究当前统战工作，解决工作开展中遇到的难题，并坚持走访统战对象，了解他们的生产生活，帮助解决实际困难。",
            "二是强化制度保障，重视统战人士培养。区委不断坚持和完善党委班子联系统一战线成员制度，规范统战议事规则，充实专职统战联络员和民宗信息员队伍，同时规定从区委书记到区委成员，每人联系一名党外人士。鼓励党外人士积极建言献策，让统战成员感受党的温暖，使更多非党人士主动参与到山海关区建设中来。",
            "三是强化载体建设，大力发展非公经济。去委高度重视非公经济发展，在乡党委政府的指导下，非公经济的各项活动更加多样化、规范化，如定期走访党外干部、非公经济人士代表，征求他们对全取各项事业的意见和建议，及时反馈事项办理情况，取得社会各界对取委政府工作的支持，也为社会各界积极参与经济发展，构建和谐社会提供了良好平台；另一方面大力宣传党和国家的政策，引导广大群众走科技之路，因地制宜，发展多元经济。");
        public List<String> part2Lead = list(" 第二部分", " ", "预算项目绩效目标", " ", "", "");
        public final List<Project> projects = new ArrayList<>();
        /** The indicator table is a table of its own after the project table (as in the seed). */
        public boolean separateIndicatorTable = true;

        public Project project(String code) {
            return projects.stream().filter(p -> p.code.equals(code)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException(code));
        }

        /** Drops part 1 (部门整体绩效目标). */
        public GoalDoc withoutPart1() {
            part1 = false;
            lead = list();
            part2Lead = list();
            return this;
        }

        /** Keeps only the given projects, in that order. */
        public GoalDoc only(String... codes) {
            List<Project> keep = new ArrayList<>();
            for (String c : codes) {
                keep.add(project(c));
            }
            projects.clear();
            projects.addAll(keep);
            return this;
        }

        public List<String> paragraphsBeforeProjects() {
            List<String> out = new ArrayList<>(lead);
            if (part1) {
                out.add(overallHeading);
                out.add(overallIntro);
                dutyLines(out);
                if (repeatDuties) {
                    out.add(detailHeading);
                    out.add(detailIntro);
                    dutyLines(out);
                }
                out.addAll(measures);
            }
            out.addAll(part2Lead);
            return out;
        }

        private void dutyLines(List<String> out) {
            for (Duty d : duties) {
                out.add(d.seq + "、" + d.title);
                for (String[] l : d.lines) {
                    out.add(l[0] + l[1]);
                }
            }
        }

        // ---- text export ------------------------------------------------------------------------

        public byte[] toText() {
            StringBuilder b = new StringBuilder();
            for (String p : paragraphsBeforeProjects()) {
                b.append(p).append('\n');
            }
            int bookmark = 61446614;
            for (Project p : projects) {
                b.append("[bookmark: _Toc").append(bookmark++).append(']').append(p.title).append('\n');
                p.preambleParagraphs().forEach(x -> b.append(x).append('\n'));
                textTable(b, p.headerRows());
                if (separateIndicatorTable) {
                    b.append("\n \n");
                }
                textTable(b, p.indicatorRows());
                b.append("\n\n");
            }
            return b.toString().getBytes(StandardCharsets.UTF_8);
        }

        private static void textTable(StringBuilder b, List<List<TCell>> rows) {
            for (List<TCell> row : rows) {
                for (TCell c : row) {
                    b.append('\t').append(c.text()).append('\n');
                }
                b.append('\n');
            }
        }

        // ---- Word -------------------------------------------------------------------------------

        public byte[] toDocx() {
            try (XWPFDocument doc = new XWPFDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
                for (String p : paragraphsBeforeProjects()) {
                    doc.createParagraph().createRun().setText(p);
                }
                for (Project p : projects) {
                    doc.createParagraph().createRun().setText(p.title);
                    p.preambleParagraphs().forEach(x -> doc.createParagraph().createRun().setText(x));
                    if (separateIndicatorTable) {
                        docxTable(doc, p.headerRows());
                        doc.createParagraph();
                        docxTable(doc, p.indicatorRows());
                    } else {
                        List<List<TCell>> all = new ArrayList<>(p.headerRows());
                        all.addAll(p.indicatorRows());
                        docxTable(doc, all);
                    }
                    doc.createParagraph();
                }
                doc.write(out);
                return out.toByteArray();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Rows narrower than the table get a gridSpan on their last cell; mergedUp cells become w:vMerge. */
        private static void docxTable(XWPFDocument doc, List<List<TCell>> rows) {
            int width = rows.stream().mapToInt(List::size).max().orElse(1);
            XWPFTable t = doc.createTable();
            Map<Integer, XWPFTableCell> above = new HashMap<>();
            for (List<TCell> row : rows) {
                XWPFTableRow r = t.insertNewTableRow(t.getNumberOfRows());
                Map<Integer, XWPFTableCell> here = new HashMap<>();
                int col = 0;
                for (int i = 0; i < row.size(); i++) {
                    TCell c = row.get(i);
                    XWPFTableCell cell = r.addNewTableCell();
                    CTTcPr pr = cell.getCTTc().isSetTcPr() ? cell.getCTTc().getTcPr() : cell.getCTTc().addNewTcPr();
                    int span = i == row.size() - 1 ? width - row.size() + 1 : 1;
                    if (span > 1) {
                        pr.addNewGridSpan().setVal(BigInteger.valueOf(span));
                    }
                    if (c.mergedUp()) {
                        pr.addNewVMerge(); // no val: "continue", as Word writes it
                        XWPFTableCell start = above.get(col);
                        if (start != null) {
                            CTTcPr spr = start.getCTTc().getTcPr();
                            if (!spr.isSetVMerge()) {
                                spr.addNewVMerge().setVal(STMerge.RESTART);
                            }
                        }
                    } else {
                        String[] lines = c.text().split("\n", -1);
                        cell.getParagraphs().get(0).createRun().setText(lines[0]);
                        for (int k = 1; k < lines.length; k++) {
                            cell.addParagraph().createRun().setText(lines[k]);
                        }
                    }
                    here.put(col, c.mergedUp() && above.containsKey(col) ? above.get(col) : cell);
                    col += span;
                }
                above = here;
            }
            t.removeRow(0);
        }

        // ---- Excel, laid out like the Word table -----------------------------------------------

        public byte[] toXlsxWordLayout() {
            try (XSSFWorkbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
                Sheet s = wb.createSheet("绩效目标表");
                CellStyle percent = wb.createCellStyle();
                percent.setDataFormat(wb.createDataFormat().getFormat("0.00%"));
                CellStyle amount = wb.createCellStyle();
                amount.setDataFormat(wb.createDataFormat().getFormat("0.00"));
                int[] r = {0};
                for (String p : paragraphsBeforeProjects()) {
                    if (!p.isBlank()) {
                        s.createRow(r[0]).createCell(0).setCellValue(p);
                    }
                    r[0]++;
                }
                for (Project p : projects) {
                    s.createRow(r[0]++).createCell(0).setCellValue(p.title);
                    for (String x : p.preambleParagraphs()) {
                        s.createRow(r[0]++).createCell(0).setCellValue(x);
                    }
                    xlsxTable(s, r, p.headerRows(), percent, amount, p);
                    if (separateIndicatorTable) {
                        r[0]++;
                    }
                    xlsxTable(s, r, p.indicatorRows(), percent, amount, p);
                    r[0]++;
                }
                wb.write(out);
                return out.toByteArray();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static void xlsxTable(Sheet s, int[] r, List<List<TCell>> rows, CellStyle percent, CellStyle amount,
                                      Project p) {
            int width = rows.stream().mapToInt(List::size).max().orElse(1);
            Map<Integer, int[]> regionAt = new HashMap<>(); // column -> {firstRow, firstCol, lastRow, lastCol}
            List<int[]> regions = new ArrayList<>();
            Set<String> amounts = new LinkedHashSet<>(List.of(p.total, p.fiscal, p.other));
            for (List<TCell> row : rows) {
                Row xr = s.createRow(r[0]);
                int col = 0;
                for (int i = 0; i < row.size(); i++) {
                    TCell c = row.get(i);
                    int span = i == row.size() - 1 ? width - row.size() + 1 : 1;
                    if (c.mergedUp() && regionAt.containsKey(col)) {
                        regionAt.get(col)[2] = r[0];
                    } else {
                        int[] region = {r[0], col, r[0], col + span - 1};
                        regions.add(region);
                        for (int k = col; k < col + span; k++) {
                            regionAt.put(k, region);
                        }
                        org.apache.poi.ss.usermodel.Cell cell = xr.createCell(col);
                        String t = c.text();
                        if (p.percents.contains(t) && t.endsWith("%")) {
                            cell.setCellValue(new BigDecimal(t.substring(0, t.length() - 1)).movePointLeft(2).doubleValue());
                            cell.setCellStyle(percent);
                        } else if (amounts.contains(t) && t.matches("\\d+(\\.\\d+)?")) {
                            cell.setCellValue(Double.parseDouble(t));
                            cell.setCellStyle(amount);
                        } else {
                            cell.setCellValue(t);
                        }
                    }
                    col += span;
                }
                r[0]++;
            }
            for (int[] g : regions) {
                if (g[0] != g[2] || g[1] != g[3]) {
                    s.addMergedRegion(new CellRangeAddress(g[0], g[2], g[1], g[3]));
                }
            }
        }

        // ---- Excel template ---------------------------------------------------------------------

        private static final Pattern AGENCY = Pattern.compile("^(\\d+)(.+)$");
        private static final Pattern UNIT = Pattern.compile("^单位[：:](.+)$");

        /** The documented template: sheets 项目, 指标, 绩效目标, 部门职责. */
        public byte[] toXlsxTemplate() {
            Set<String> units = new LinkedHashSet<>();
            Set<List<String>> checkpointSets = new LinkedHashSet<>();
            for (Project p : projects) {
                Matcher m = UNIT.matcher(p.unitLine == null ? "单位：元" : p.unitLine);
                if (!m.matches()) {
                    throw new IllegalStateException("unit line " + p.unitLine);
                }
                units.add(m.group(1));
                checkpointSets.add(p.checkpoints);
            }
            if (units.size() != 1 || checkpointSets.size() != 1) {
                throw new IllegalStateException("the template holds one money unit and one set of checkpoints");
            }
            String unit = units.iterator().next();
            List<String> checkpoints = checkpointSets.iterator().next();
            try (XSSFWorkbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
                CellStyle percent = wb.createCellStyle();
                percent.setDataFormat(wb.createDataFormat().getFormat("0%"));
                Sheet ps = wb.createSheet("项目");
                List<String> header = list("单位编码", "单位名称", "项目编码", "项目名称", "预算数（" + unit + "）",
                        "财政资金（" + unit + "）", "其他资金（" + unit + "）", "资金用途");
                header.addAll(checkpoints);
                row(ps, 0, header);
                int r = 1;
                for (Project p : projects) {
                    Matcher a = AGENCY.matcher(p.agency);
                    if (!a.matches()) {
                        throw new IllegalStateException(p.agency);
                    }
                    Row xr = row(ps, r++, list(a.group(1), a.group(2), p.code, p.name));
                    number(xr, 4, p.total);
                    number(xr, 5, p.fiscal);
                    number(xr, 6, p.other);
                    xr.createCell(7).setCellValue(p.purpose);
                    for (int i = 0; i < p.percents.size(); i++) {
                        String v = p.percents.get(i);
                        org.apache.poi.ss.usermodel.Cell c = xr.createCell(8 + i);
                        if (v.endsWith("%")) {
                            c.setCellValue(new BigDecimal(v.substring(0, v.length() - 1)).movePointLeft(2).doubleValue());
                            c.setCellStyle(percent);
                        } else {
                            number(xr, 8 + i, v);
                        }
                    }
                }
                Sheet is = wb.createSheet("指标");
                List<String> ih = list("项目编码");
                projects.get(0).indicatorHeader.forEach(ih::add);
                row(is, 0, ih);
                r = 1;
                for (Project p : projects) {
                    for (List<String> ind : p.indicators) {
                        List<String> cells = list(p.code);
                        cells.addAll(ind);
                        row(is, r++, cells);
                    }
                }
                Sheet gs = wb.createSheet("绩效目标");
                row(gs, 0, list("项目编码", "绩效目标"));
                r = 1;
                for (Project p : projects) {
                    for (String g : p.goals) {
                        row(gs, r++, list(p.code, g));
                    }
                }
                if (part1 && !duties.isEmpty()) {
                    Sheet ds = wb.createSheet("部门职责");
                    row(ds, 0, list("序号", "职责名称", "主要职责", "职责目标", "绩效目标", "绩效指标", "绩效标准"));
                    r = 1;
                    for (Duty d : duties) {
                        Row xr = row(ds, r++, list("", d.title, d.text("主要职责"), d.text("职责目标"), d.text("绩效目标"),
                                d.text("绩效指标"), d.text("绩效标准")));
                        xr.getCell(0).setCellValue(d.seq);
                    }
                }
                wb.write(out);
                return out.toByteArray();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static Row row(Sheet s, int r, List<String> cells) {
            Row xr = s.createRow(r);
            for (int i = 0; i < cells.size(); i++) {
                xr.createCell(i).setCellValue(cells.get(i));
            }
            return xr;
        }

        private static void number(Row r, int col, String v) {
            if (v.matches("\\d+(\\.\\d+)?")) {
                r.createCell(col).setCellValue(Double.parseDouble(v));
            } else {
                r.createCell(col).setCellValue(v);
            }
        }
    }
}
