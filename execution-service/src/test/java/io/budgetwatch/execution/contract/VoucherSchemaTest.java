package io.budgetwatch.execution.contract;

import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The published voucher schema ({@code docs/pay-voucher.schema.json}, read by the networknt validator) and
 * {@link VoucherParser} agree on its examples and on hand-written records that break one rule each.
 */
class VoucherSchemaTest {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private static final VoucherParser PARSER = new VoucherParser(Map.of("1", "FISCAL", "5", "OTHER", "6", "OTHER")::get,
            new PaymentRecordRules(0));

    private static Schema schema() throws Exception {
        SchemaRegistryConfig config = SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build();
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
                builder -> builder.schemaRegistryConfig(config));
        return registry.getSchema(Files.readString(Path.of("docs/pay-voucher.schema.json"), StandardCharsets.UTF_8),
                InputFormat.JSON);
    }

    @Test
    void schemaAndParserAgree() throws Exception {
        Schema schema = schema();
        JsonNode root = MAPPER.readTree(Files.readString(Path.of("docs/pay-voucher.schema.json")));
        List<String> accepted = new ArrayList<>();
        root.get("examples").forEach(e -> accepted.add(e.toString()));
        String paid = VoucherParserTest.paid(true, "998.50");
        accepted.add(paid);
        accepted.add(VoucherParserTest.paid(false, "998.50"));
        accepted.add(paid.replace("\"PAY_CERT_NO\"", "\"pay_cert_no\""));
        accepted.add(paid.replace("\"XPAY_AMT\":\"998.50\"", "\"XPAY_AMT\":12.5"));
        accepted.add(paid.replace("\"IS_DELETED\":0", "\"IS_DELETED\":\"1\""));
        accepted.add(paid.replace("\"USE_DES\":\"宣传资料印刷\"", "\"USE_DES\":null,\"EXTRA\":{\"x\":[1]}"));
        accepted.add(paid.replace("\"XPAY_DATE\":\"2021-05-12 10:30:00\",", "").replace("998.50", "0"));
        List<String> refused = List.of(
                paid.replace("\"IS_DELETED\":0", "\"IS_DELETED\":0,\"is_deleted\":0"),
                paid.replace(",\"UPDATE_TIME\":\"2021-05-12 10:31:05\"", ""),
                paid.replace("998.50", "0.00"),
                paid.replace("\"XPAY_AMT\":\"998.50\",", ""),
                paid.replace("998.50", "1e3"),
                paid.replace("998.50", "１００"),
                paid.replace("998.50", " 10.00"),
                paid.replace("998.50", "10."),
                paid.replace("\"PAY_AMT\":\"1000.00\"", "\"PAY_AMT\":\"-1\""),
                paid.replace("\"IS_DELETED\":0", "\"IS_DELETED\":2"),
                paid.replace("\"IS_DELETED\":0", "\"IS_DELETED\":true"),
                paid.replace("2021-05-12 10:31:05", "2021-05-12T10:31:05"),
                paid.replace("2021-05-12 10:31:05", "2021-05-12 10:31"),
                paid.replace("8a8f0c1e2021051200001", "8a8f 0c1e"),
                paid.replace("\"AGENCY_CODE\":\"213001\"", "\"AGENCY_CODE\":\"\""),
                paid.replace("\"FISCAL_YEAR\":\"2021\"", "\"FISCAL_YEAR\":\"21\""),
                paid.replace("130303210B2L85R7NSB45", "130303-21"),
                paid.replace("\"PRO_NAME\":\"统战宣传项目\"", "\"PRO_NAME\":7"),
                paid.replace("\"PAY_CERT_NO\"", "\"Pay_Cert_No\""),
                "[]");
        for (String record : accepted) {
            assertTrue(schema.validate(MAPPER.readTree(record)).isEmpty(), "schema refuses " + record + ": "
                    + schema.validate(MAPPER.readTree(record)));
            VoucherParser.Parsed p = PARSER.parse(record.getBytes(StandardCharsets.UTF_8));
            assertTrue(p.ok(), "parser refuses " + record + ": " + p.rejection());
        }
        for (String record : refused) {
            assertTrue(!schema.validate(MAPPER.readTree(record)).isEmpty(), "schema accepts " + record);
            VoucherParser.Parsed p = PARSER.parse(record.getBytes(StandardCharsets.UTF_8));
            assertTrue(!p.ok(), "parser accepts " + record);
        }
        assertEquals(3, root.get("examples").size());
    }
}
