package io.budgetwatch.benchmarks.reporting;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a JFR recording of the service (settings=profile) says about the monitoring.xlsx downloads: the bytes
 * allocated per download (the weights of the allocation samples, JFR's estimate of every allocation), and where:
 * by the first frame of the suite's own code (or of POI, XMLBeans, the SQL client) and by allocated class.
 */
final class XlsxAllocation {

    private XlsxAllocation() {
    }

    static String summarize(Path recording, int downloads, Path report) throws IOException {
        Map<String, Long> bySite = new HashMap<>();
        Map<String, Long> byOwnFrame = new HashMap<>();
        Map<String, Long> byClass = new HashMap<>();
        long total = 0;
        for (RecordedEvent e : RecordingFile.readAllEvents(recording)) {
            if (!e.getEventType().getName().equals("jdk.ObjectAllocationSample")) {
                continue;
            }
            long weight = e.getLong("weight");
            total += weight;
            byClass.merge(e.getClass("objectClass").getName(), weight, Long::sum);
            RecordedStackTrace stack = e.getStackTrace();
            bySite.merge(site(stack, false), weight, Long::sum);
            byOwnFrame.merge(site(stack, true), weight, Long::sum);
        }
        StringBuilder out = new StringBuilder(String.format("%d downloads, %,d MB allocated in all (JFR sample "
                + "weights), %,d MB per download%n", downloads, total >> 20, (total / Math.max(1, downloads)) >> 20));
        append(out, "by the first frame of POI, XMLBeans, Jackson, the SQL client or the suite", bySite, total);
        append(out, "by the first frame of the suite's code", byOwnFrame, total);
        append(out, "by class", byClass, total);
        Files.writeString(report, out, StandardCharsets.UTF_8);
        return String.format("%,d MB per download (JFR allocation samples over %d downloads); sites in %s",
                (total / Math.max(1, downloads)) >> 20, downloads, report);
    }

    private static final List<String> LIBRARIES = List.of("org.apache.poi.", "org.apache.xmlbeans.",
            "com.fasterxml.jackson.", "io.vertx.", "io.budgetwatch.", "org.apache.commons.compress.");

    private static String site(RecordedStackTrace stack, boolean ownOnly) {
        if (stack == null) {
            return "(no stack)";
        }
        for (RecordedFrame f : stack.getFrames()) {
            String type = f.getMethod().getType().getName();
            boolean match = ownOnly ? type.startsWith("io.budgetwatch.")
                    : LIBRARIES.stream().anyMatch(type::startsWith);
            if (match) {
                return type + "." + f.getMethod().getName() + ":" + f.getLineNumber();
            }
        }
        RecordedFrame top = stack.getFrames().isEmpty() ? null : stack.getFrames().get(0);
        return top == null ? "(empty stack)" : "(other) " + top.getMethod().getType().getName() + "."
                + top.getMethod().getName();
    }

    private static void append(StringBuilder out, String title, Map<String, Long> weights, long total) {
        out.append('\n').append(title).append(":\n");
        weights.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(25)
                .forEach(e -> out.append(String.format("  %6.1f%%  %,8d MB  %s%n", 100.0 * e.getValue() / total,
                        e.getValue() >> 20, e.getKey())));
    }
}
