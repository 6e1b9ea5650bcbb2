package io.bookingkit.examples.bench;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.NoBenchmarksException;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the benchmarks and prints each result as a ratio against its baseline from the same run,
 * the only figure that holds on a noisy machine. Pass a regular expression to run a subset;
 * system properties {@code bench.forks} and {@code bench.iterations} set JMH's forks and
 * measurement iterations (1 and 5 by default).
 */
public final class Benchmarks {

    private static final String WRITE_PATH = WritePathBenchmark.class.getName() + ".write";

    private Benchmarks() {
    }

    /**
     * Runs the benchmarks with a 3 × 2 s warm-up, 2 s measurement iterations, a 2 GB heap and
     * JMH's GC profiler, then prints the ratios: the slot list against the grid floor at each
     * booking count, with its growth exponent, against the naive scan, and its allocation against
     * the bookings' stored size; conflict lookup
     * against linear scan among 1,000, 10,000 and 100,000 intervals, the month's statistics in the
     * database against in Java (with the memory each allocates per call), and the lock step's
     * write against {@code SELECT … FOR UPDATE} on each database. A ratio whose two runs were
     * not both included is left out. The write path runs first, with settings of its own
     * ({@link #writePath()}).
     *
     * @param args optionally, a regular expression of the benchmarks to run; all of this
     *        package's by default
     * @throws RunnerException when JMH cannot run them
     */
    public static void main(String[] args) throws RunnerException {
        String include = args.length > 0 ? args[0] : "io.bookingkit.examples.bench.*Benchmark.*";
        boolean writePath = Pattern.compile(include).matcher(WRITE_PATH).find();
        if (writePath) {
            writePath();
        }
        Options options = new OptionsBuilder().include(include).exclude("WritePathBenchmark")
                .forks(Integer.getInteger("bench.forks", 1))
                .warmupIterations(3).warmupTime(TimeValue.seconds(2))
                .measurementIterations(Integer.getInteger("bench.iterations", 5)).measurementTime(TimeValue.seconds(2))
                .jvmArgsAppend("-Xmx2g").addProfiler(GCProfiler.class).build();
        Collection<RunResult> results;
        try {
            results = new Runner(options).run();
        } catch (NoBenchmarksException e) {
            if (writePath) {
                return;
            }
            throw e;
        }
        Map<String, Double> scores = new LinkedHashMap<>();
        Map<String, Double> allocated = new LinkedHashMap<>();
        for (RunResult r : results) {
            String name = r.getParams().getBenchmark();
            String key = name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1);
            for (String param : r.getParams().getParamsKeys()) {
                key += ":" + r.getParams().getParam(param);
            }
            scores.put(key, r.getPrimaryResult().getScore());
            Result<?> bytes = r.getSecondaryResults().get("gc.alloc.rate.norm");
            if (bytes != null) {
                allocated.put(key, bytes.getScore());
            }
        }
        System.out.println();
        System.out.println("Ratios (each against its baseline in this run):");
        slotList(scores, allocated);
        for (String count : new String[] {"1000", "10000", "100000"}) {
            ratio(scores, "ConflictLookupBenchmark.linearScan:" + count, "ConflictLookupBenchmark.index:" + count,
                    String.format("conflict lookup vs scan, %,d", Integer.parseInt(count)), true);
        }
        for (String perDay : new String[] {"4", "12"}) {
            String label = "month's stats vs Java, " + perDay + "/day";
            ratio(scores, "StatsBenchmark.inJava:" + perDay, "StatsBenchmark.inDatabase:" + perDay, label, true);
            Double sql = allocated.get("StatsBenchmark.inDatabase:" + perDay);
            Double java = allocated.get("StatsBenchmark.inJava:" + perDay);
            if (sql != null && java != null) {
                System.out.printf("  %-34s %8.0f KB vs %.0f KB allocated per call%n", "  memory, " + perDay + "/day",
                        sql / 1024, java / 1024);
            }
        }
        for (String database : new String[] {"H2", "POSTGRESQL", "MARIADB"}) {
            ratio(scores, "LockStepBenchmark.book:" + database + ":SELECT_FOR_UPDATE", "LockStepBenchmark.book:" + database
                    + ":WRITE", "lock step write vs FOR UPDATE, " + database, false);
        }
    }

    /**
     * The write path, once per thread count of {@code bench.threads} (default {@code 1,2,4,8}):
     * raw insert and engine take turns in one fork (see {@link WritePathBenchmark}), 14 warm-up
     * iterations of 3 s (the JIT is still compiling 40 s in) and {@code bench.pairs} (default 5)
     * measured pairs of 3 s each per fork, on the databases of {@code bench.databases} (all three
     * by default) with the store's pool sizes of {@code bench.pools} (4 by default). Prints, per database and thread count, the median
     * ratio of each engine iteration to the raw one before it, with the lowest and the highest.
     */
    private static void writePath() throws RunnerException {
        int forks = Integer.getInteger("bench.forks", 1);
        int pairs = Integer.getInteger("bench.pairs", 5);
        List<String> lines = new ArrayList<>();
        for (String threads : System.getProperty("bench.threads", "1,2,4,8").split(",")) {
            ChainedOptionsBuilder builder = new OptionsBuilder().include(Pattern.quote(WRITE_PATH)).forks(forks)
                    .threads(Integer.parseInt(threads.trim())).warmupIterations(14).warmupTime(TimeValue.seconds(3))
                    .measurementIterations(2 * pairs).measurementTime(TimeValue.seconds(3)).jvmArgsAppend("-Xmx2g");
            String databases = System.getProperty("bench.databases");
            if (databases != null) {
                builder.param("database", databases.split(","));
            }
            String pools = System.getProperty("bench.pools");
            if (pools != null) {
                builder.param("poolSize", pools.split(","));
            }
            Options options = builder.build();
            for (RunResult r : new Runner(options).run()) {
                List<Double> ratios = new ArrayList<>();
                double rawSum = 0;
                double engineSum = 0;
                for (BenchmarkResult fork : r.getBenchmarkResults()) {
                    List<Double> scores = fork.getIterationResults().stream()
                            .map(i -> i.getPrimaryResult().getScore()).toList();
                    for (int i = 0; i + 1 < scores.size(); i += 2) {
                        ratios.add(scores.get(i + 1) / scores.get(i));
                        rawSum += scores.get(i);
                        engineSum += scores.get(i + 1);
                    }
                }
                Collections.sort(ratios);
                lines.add(String.format("  write path, %-10s pool %s, %s threads: %.2f of the raw insert's rate"
                                + " (pairs %.2f to %.2f; %.0f vs %.0f per second)", r.getParams().getParam("database"),
                        r.getParams().getParam("poolSize"), threads.trim(), ratios.get(ratios.size() / 2),
                        ratios.get(0), ratios.get(ratios.size() - 1), engineSum / ratios.size(), rawSum / ratios.size()));
            }
        }
        System.out.println();
        System.out.println("Write path (engine.book against the raw insert, turns in one fork):");
        lines.forEach(System.out::println);
    }

    /**
     * The slot list: per booking count, its time as a multiple of the grid floor; the exponent of
     * its growth (the least-squares slope of log time on log bookings), over all counts and over
     * those from {@value SlotGenerationBenchmark#NAIVE_BOOKINGS} on, each beside the slope that
     * time exactly proportional to n log n would give; the naive scan's time
     * against it at {@value SlotGenerationBenchmark#NAIVE_BOOKINGS} bookings; and at the largest
     * count, its allocation per query against the bytes the bookings retain (measured here, as the
     * heap's growth when bookings are drawn as the benchmark draws them).
     */
    private static void slotList(Map<String, Double> scores, Map<String, Double> allocated) {
        String prefix = "SlotGenerationBenchmark.engine:";
        Double floor = scores.get("SlotGenerationBenchmark.gridFloor");
        List<Integer> counts = new ArrayList<>();
        for (String key : scores.keySet()) {
            if (key.startsWith(prefix)) {
                counts.add(Integer.parseInt(key.substring(prefix.length())));
            }
        }
        Collections.sort(counts);
        if (floor != null) {
            for (int n : counts) {
                double t = scores.get(prefix + n);
                System.out.printf("  %-34s %8.1fx the grid floor (%.3f vs %.3f ms per query)%n",
                        String.format("slot list, %,d bookings", n), t / floor, t, floor);
            }
        }
        if (counts.size() >= 2) {
            System.out.printf("  %-34s %8.2f (n log n over these counts fits %.2f)%n", "slot list, growth exponent",
                    slope(counts, n -> Math.log(scores.get(prefix + n))), slope(counts, n -> Math.log(n) + Math.log(Math.log(n))));
        }
        List<Integer> large = counts.stream().filter(n -> n >= SlotGenerationBenchmark.NAIVE_BOOKINGS).toList();
        if (large.size() >= 2 && large.size() < counts.size()) {
            System.out.printf("  %-34s %8.2f (n log n fits %.2f)%n", String.format("  from %,d on", large.get(0)),
                    slope(large, n -> Math.log(scores.get(prefix + n))), slope(large, n -> Math.log(n) + Math.log(Math.log(n))));
        }
        ratio(scores, "SlotGenerationBenchmark.naiveScan", prefix + SlotGenerationBenchmark.NAIVE_BOOKINGS,
                String.format("slot list vs naive scan, %,d", SlotGenerationBenchmark.NAIVE_BOOKINGS), true);
        if (!counts.isEmpty()) {
            int largest = counts.get(counts.size() - 1);
            Double bytes = allocated.get(prefix + largest);
            if (bytes != null) {
                long stored = SlotGenerationBenchmark.storedBytes(largest);
                System.out.printf("  %-34s %8.2f of the bookings' stored size (%.0f KB allocated per query, %.0f KB"
                                + " retained by the %,d bookings)%n", String.format("slot list memory, %,d", largest),
                        bytes / stored, bytes / 1024, stored / 1024.0, largest);
            }
        }
    }

    /** The least-squares slope of {@code y} on the logarithm of the counts. */
    private static double slope(List<Integer> counts, java.util.function.IntToDoubleFunction y) {
        double sx = 0;
        double sy = 0;
        double sxx = 0;
        double sxy = 0;
        for (int n : counts) {
            double x = Math.log(n);
            double v = y.applyAsDouble(n);
            sx += x;
            sy += v;
            sxx += x * x;
            sxy += x * v;
        }
        int k = counts.size();
        return (k * sxy - sx * sy) / (k * sxx - sx * sx);
    }

    /**
     * Prints how many times faster {@code candidate} is than {@code baseline} (average times), or
     * which fraction of the baseline's rate it reaches (throughputs).
     */
    private static void ratio(Map<String, Double> scores, String baseline, String candidate, String label, boolean times) {
        Double base = scores.get(baseline);
        Double cand = scores.get(candidate);
        if (base == null || cand == null) {
            return;
        }
        if (times) {
            System.out.printf("  %-34s %8.1fx faster (%.3f vs %.3f per op)%n", label, base / cand, cand, base);
        } else {
            System.out.printf("  %-34s %8.2f of the baseline's rate (%.0f vs %.0f ops/s)%n", label, cand / base, cand, base);
        }
    }
}
