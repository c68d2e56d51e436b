package io.budgetwatch.benchmarks.reporting;

import java.util.Arrays;
import java.util.List;

/** Percentiles of request latencies (nearest rank), in milliseconds. */
record Latency(int count, double p50, double p95, double p99, double max, double mean) {

    static Latency of(List<Long> nanos) {
        long[] sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
        if (sorted.length == 0) {
            return new Latency(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        return new Latency(sorted.length, ms(rank(sorted, 50)), ms(rank(sorted, 95)), ms(rank(sorted, 99)),
                ms(sorted[sorted.length - 1]), Arrays.stream(sorted).average().orElse(0) / 1e6);
    }

    private static long rank(long[] sorted, double percentile) {
        int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    String line() {
        return String.format("n=%d  p50 %.1f  p95 %.1f  p99 %.1f  max %.1f  mean %.1f ms", count, p50, p95, p99, max,
                mean);
    }
}
