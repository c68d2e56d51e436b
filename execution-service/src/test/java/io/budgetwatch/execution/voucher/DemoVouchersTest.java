package io.budgetwatch.execution.voucher;

import io.budgetwatch.execution.contract.PaymentRecordRules;
import io.budgetwatch.execution.contract.VoucherParser;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The local stack's demo vouchers (deploy/local/demo/pay-vouchers-2021-213002.json, posted by 25-pay-vouchers.sh)
 * are accepted by the contract and, applied in order, move the ledger by +3000.00, -200.00, -2800.00: the demo's
 * figures at 31 July stay as without them.
 */
class DemoVouchersTest {

    @Test
    void theDemoVouchersParseAndNetToNothing() throws Exception {
        Path file = Path.of(System.getProperty("budgetwatch.repo.root", ".."),
                "deploy/local/demo/pay-vouchers-2021-213002.json");
        VoucherParser parser = new VoucherParser(Map.of("1", "FISCAL")::get, new PaymentRecordRules(0));
        VoucherStates.Current current = null;
        List<VoucherStates.Received> received = new ArrayList<>();
        List<String> moves = new ArrayList<>();
        int states = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String record = line.strip().replaceAll(",$", "");
            if (!record.startsWith("{")) {
                continue;
            }
            VoucherParser.Parsed p = parser.parse(record.getBytes(StandardCharsets.UTF_8));
            assertTrue(p.ok(), record + ": " + p.rejection());
            states++;
            if (!"DEMO-PV-213002-2021-0001".equals(p.record().payCertId())) {
                assertTrue(!p.record().paid(), "the second voucher is pending");
                continue;
            }
            VoucherStates.Counted counts = VoucherStates.Counted.of(p.record());
            VoucherStates.Decision d = VoucherStates.decide(current, received, p.record().updateTime(), p.hash(), counts);
            assertEquals(VoucherStates.Verdict.APPLY, d.verdict());
            d.deltas().forEach(x -> moves.add(x.booked().amount().toPlainString()));
            received.add(new VoucherStates.Received(p.record().updateTime(), p.hash()));
            current = new VoucherStates.Current(p.record().updateTime(), p.hash(), counts);
        }
        assertEquals(5, states);
        assertEquals(List.of("3000.00", "-200.00", "-2800.00"), moves);
        assertEquals(0, moves.stream().map(BigDecimal::new).reduce(BigDecimal.ZERO, BigDecimal::add).signum());
    }
}
