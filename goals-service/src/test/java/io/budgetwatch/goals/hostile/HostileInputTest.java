package io.budgetwatch.goals.hostile;

import io.budgetwatch.goals.document.parse.TestDocuments;
import io.budgetwatch.testsupport.DatabaseFingerprint;
import io.budgetwatch.testsupport.HostileRequests;
import io.budgetwatch.testsupport.RawHttp;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.either;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hostile path, query and body values: never a 5xx, always a problem naming what was refused, nothing
 * stored. The walk covers every operation of the OpenAPI document, including the test-only probes.
 */
@QuarkusTest
class HostileInputTest {

    static final String TEXT = "text/plain; charset=utf-8";
    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    @TestHTTPResource("/")
    URI base;

    @Test
    void noHostileParameterOrBodyIsA5xxNorChangesStoredData() {
        JsonPath seed = given().contentType(TEXT).body(TestDocuments.seedText()).post("/api/goal-documents")
                .then().statusCode(either(is(201)).or(is(200))).extract().jsonPath();
        String project = TestDocuments.SEED_PROJECT_CODES.get(0);
        Map<String, String> before = fingerprint();

        HostileRequests.Report report = HostileRequests.against(base)
                .knownValues(Map.of("code", project, "id", seed.getString("documentId"), "agency", "213001",
                        "year", "2021", "version", "1"))
                .run();

        assertEquals(before, fingerprint(), "hostile requests changed stored data");
        for (String operation : new String[] {"POST /api/goal-documents", "GET /api/goal-documents/{id}",
                "GET /api/projects/{code}/versions/{version}", "POST /api/projects/{code}/budget-adjustments",
                "GET /api/department-goals", "GET /test/typed-parameters/{day}"}) {
            assertTrue(report.requests().getOrDefault(operation, 0) > 50, operation + " walked: " + report.requests());
        }
        assertTrue(report.skipped().containsKey("GET /api/agencies"), "nothing hostile to send to it");
    }

    @Test
    void controlCharactersAndBrokenEncodingInPathAndQueryAreProblemsNamingTheParameter() throws IOException {
        given().urlEncodingEnabled(false).header("Accept-Language", "en").get("/api/projects/%00").then().statusCode(404)
                .contentType(containsString("application/problem+json"))
                .body("code", equalTo("invalid-character")).body("field", equalTo("code"))
                .body("detail", containsString("NUL"));
        given().urlEncodingEnabled(false).get("/api/projects?agency=%00").then().statusCode(400)
                .body("code", equalTo("invalid-character")).body("field", equalTo("agency"))
                .body("detail", containsString("空字符"));
        given().urlEncodingEnabled(false).get("/api/goal-documents?year=2021%0A").then().statusCode(400)
                .body("code", equalTo("invalid-character")).body("field", equalTo("year"));
        given().urlEncodingEnabled(false).get("/api/projects/%ED%A0%80/versions").then().statusCode(404)
                .body("code", equalTo("invalid-encoding")).body("field", equalTo("code"));
        given().urlEncodingEnabled(false).get("/api/projects?agency=%C3%28").then().statusCode(400)
                .body("code", equalTo("invalid-encoding")).body("field", equalTo("agency"));
        // not a URI at all: the HTTP server's decoder refuses the request line, a bodiless 400 before any application code
        RawHttp raw = new RawHttp(base, Duration.ofSeconds(10));
        for (String target : new String[] {"/api/projects?agency=%zz", "/api/projects/%zz"}) {
            RawHttp.Answer answer = raw.send("GET", target, null, null, null);
            assertEquals(400, answer.status(), target);
            assertEquals(0, answer.body().length, target);
        }
        given().get("/api/goal-documents?agency=" + "a".repeat(257)).then().statusCode(400)
                .body("code", equalTo("too-long")).body("field", equalTo("agency"))
                .body("context.maxLength", equalTo(256));
        given().get("/api/department-goals?agency=213001&year=2021-01-01").then().statusCode(400)
                .body("code", equalTo("invalid-fiscal-year")).body("field", equalTo("year"));
    }

    @Test
    void parametersTheFrameworkConvertsAreCheckedByTheirDeclaredType() {
        String day = "/test/typed-parameters/2021-06-30";
        given().get(day + "?pageSize=25&colour=GREEN&ref=7f1d2f3a-1111-4222-8333-444455556666&total=-3").then()
                .statusCode(200).body("pageSize", equalTo(25)).body("colour", equalTo("GREEN")).body("total", equalTo(-3));
        // The JAX-RS default for an unconvertible query value is an anonymous 404: here a 400 naming it
        given().get(day + "?pageSize=abc").then().statusCode(400)
                .contentType(containsString("application/problem+json"))
                .body("code", equalTo("invalid-integer")).body("field", equalTo("pageSize"));
        given().get(day + "?pageSize=").then().statusCode(400).body("field", equalTo("pageSize"));
        given().get(day + "?pageSize=99999999999").then().statusCode(400).body("code", equalTo("invalid-integer"));
        given().get(day + "?total=1.5").then().statusCode(400).body("field", equalTo("total"));
        given().get(day + "?colour=BLUE").then().statusCode(400).body("code", equalTo("invalid-value"))
                .body("field", equalTo("colour"));
        given().get(day + "?ref=not-a-uuid").then().statusCode(400).body("code", equalTo("invalid-uuid"))
                .body("field", equalTo("ref"));
        given().get("/test/typed-parameters/2021-02-30").then().statusCode(404).body("code", equalTo("invalid-date"))
                .body("field", equalTo("day"));
    }

    @Test
    void jsonStringsHoldingNulOrAnUnpairedSurrogateAreRefusedNamingTheField() {
        String path = "/api/projects/" + TestDocuments.SEED_PROJECT_CODES.get(0) + "/budget-adjustments";
        given().contentType(ContentType.JSON).header("Accept-Language", "en")
                .body("{\"total\":\"1\",\"fiscal\":\"1\",\"other\":\"0\",\"reason\":\"a\\u0000b\","
                        + "\"effectiveOn\":\"2021-06-15\",\"adjustedBy\":\"z\"}")
                .post(path).then().statusCode(400).contentType(containsString("application/problem+json"))
                .body("code", equalTo("invalid-character")).body("field", equalTo("reason"))
                .body("detail", containsString("NUL"));
        given().contentType(ContentType.JSON)
                .body("{\"total\":\"1\",\"fiscal\":\"1\",\"other\":\"0\",\"reason\":\"r\","
                        + "\"effectiveOn\":\"2021-06-15\",\"adjustedBy\":\"\\ud800\"}")
                .post(path).then().statusCode(400)
                .body("code", equalTo("invalid-encoding")).body("field", equalTo("adjustedBy"));
        given().get(path).then().statusCode(200); // nothing was adjusted
    }

    @Test
    void documentsHoldingNulOrInvalidUtf8AreUnprocessable() throws IOException {
        given().contentType(TEXT).body("项目编码\u0000".getBytes(StandardCharsets.UTF_8)).post("/api/goal-documents")
                .then().statusCode(422).contentType(containsString("application/problem+json"))
                .body("code", equalTo("not-a-document"));
        given().contentType(TEXT).body(new byte[] {'a', (byte) 0xC3, 0x28}).post("/api/goal-documents")
                .then().statusCode(422).body("code", equalTo("not-a-document"));
        // Excel writes a control character as _x0000_ and POI decodes it: the cell is refused where it is
        given().contentType(XLSX).body(workbookWithCell("_x0000_")).post("/api/goal-documents")
                .then().statusCode(422).contentType(containsString("application/problem+json"))
                .body("code", equalTo("not-a-document"))
                .body("context.sheet", equalTo("项目")).body("context.row", equalTo(2)).body("context.cell", equalTo(3));
        given().contentType(XLSX).body(workbookWithCell("_xD800_")).post("/api/goal-documents")
                .then().statusCode(422).body("code", equalTo("not-a-document"));
    }

    @Test
    void anUnexpectedFailureAnswersAProblemThatTellsNothingOfTheInternals() {
        String body = given().header("Accept-Language", "en").get("/test/unexpected-failure").then().statusCode(500)
                .contentType(containsString("application/problem+json"))
                .body("code", equalTo("internal")).body("detail", containsString("incident"))
                .extract().asString();
        for (String internal : new String[] {"IllegalStateException", "SQLException", "Exception", "INSERT", "SELECT",
                "outbox", "pg_shadow", "at io.", "at java.", "ProbeResources", "budgetwatch.goals"}) {
            assertTrue(!body.contains(internal), "the problem body reveals '" + internal + "': " + body);
        }
        given().get("/test/unexpected-failure").then().statusCode(500).body("detail", containsString("服务内部错误"))
                .body("detail", not(containsString("INSERT")));
    }

    private static Map<String, String> fingerprint() {
        var config = ConfigProvider.getConfig();
        return DatabaseFingerprint.settled(config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class),
                config.getValue("quarkus.datasource.password", String.class), Duration.ofSeconds(60));
    }

    /**
     * A workbook (template header on sheet 项目) whose cell C2 is written as {@code raw} in the shared strings,
     * as Excel writes an escaped character; POI would escape the text if it were given directly.
     */
    private static byte[] workbookWithCell(String raw) throws IOException {
        ByteArrayOutputStream xlsx = new ByteArrayOutputStream();
        try (XSSFWorkbook wb = new XSSFWorkbook()) {
            var sheet = wb.createSheet("项目");
            var header = sheet.createRow(0);
            String[] labels = {"单位编码", "单位名称", "项目编码", "项目名称", "预算数（元）"};
            for (int i = 0; i < labels.length; i++) {
                header.createCell(i).setCellValue(labels[i]);
            }
            var row = sheet.createRow(1);
            row.createCell(0).setCellValue("213001");
            row.createCell(1).setCellValue("单位");
            row.createCell(2).setCellValue("PLACEHOLDER");
            wb.write(xlsx);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(xlsx.toByteArray()));
             ZipOutputStream zip = new ZipOutputStream(out)) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                byte[] content = in.readAllBytes();
                if (e.getName().equals("xl/sharedStrings.xml")) {
                    content = new String(content, StandardCharsets.UTF_8).replace("PLACEHOLDER", raw)
                            .getBytes(StandardCharsets.UTF_8);
                }
                zip.putNextEntry(new ZipEntry(e.getName()));
                zip.write(content);
                zip.closeEntry();
            }
        }
        return out.toByteArray();
    }
}
