package io.budgetwatch.testsupport;

import io.restassured.RestAssured;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The service's {@code /q/metrics} as Prometheus scrapes it (no token), read in the text format: a meter's value is
 * the sum of its samples whose labels include the given ones, 0 when it has none (a counter not incremented yet).
 */
public final class ScrapedMetrics {

    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})? (\\S+)$");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    private final String text;

    private ScrapedMetrics(String text) {
        this.text = text;
    }

    /** Scrapes the service under test now (fails unless it answers 200 without a token). */
    public static ScrapedMetrics scrape() {
        return new ScrapedMetrics(RestAssured.given().noFilters().when().get("/q/metrics").then().statusCode(200)
                .extract().asString());
    }

    /** {@code name} as Prometheus names it (e.g. {@code budgetwatch_payments_applied_total}), labels as pairs. */
    public double value(String name, String... labels) {
        Double sum = sum(name, labels);
        return sum == null ? 0 : sum;
    }

    /** Whether a sample of {@code name} with these labels is there. */
    public boolean has(String name, String... labels) {
        return sum(name, labels) != null;
    }

    /** The sum of the matching samples, null when none matches. */
    private Double sum(String name, String[] labels) {
        Map<String, String> wanted = new LinkedHashMap<>();
        for (int i = 0; i + 1 < labels.length; i += 2) {
            wanted.put(labels[i], labels[i + 1]);
        }
        double sum = 0;
        boolean found = false;
        for (String line : text.split("\n")) {
            Matcher m = SAMPLE.matcher(line.trim());
            if (line.startsWith("#") || !m.matches() || !m.group(1).equals(name)) {
                continue;
            }
            Map<String, String> present = new LinkedHashMap<>();
            if (m.group(3) != null) {
                Matcher l = LABEL.matcher(m.group(3));
                while (l.find()) {
                    present.put(l.group(1), l.group(2));
                }
            }
            if (present.entrySet().containsAll(wanted.entrySet())) {
                sum += Double.parseDouble(m.group(4));
                found = true;
            }
        }
        return found ? sum : null;
    }
}
