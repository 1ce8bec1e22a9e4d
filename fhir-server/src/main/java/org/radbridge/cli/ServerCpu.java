package org.radbridge.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * CPU time spent serving the bench's requests, read from /proc (Linux): the bench's JVM without its own client threads
 * (the closed-loop clients, named {@value #CLIENT_THREADS}..., and the JDK HTTP client's threads, {@code HttpClient-...}),
 * and the embedded PostgreSQL (its postmaster and the postmaster's children). Divided by the requests answered in a
 * window it gives CPU per request, which holds on a machine shared with other work where latency and throughput follow
 * the load. The JIT compiler's threads ({@code C1/C2 CompilerThre...}) are counted in the JVM's share and also given on
 * their own: on a busy machine the warm-up serves fewer requests and the compiler is still at work in the timed window,
 * a cost of start-up rather than of a request. Where /proc cannot be read the figures are NaN.
 */
final class ServerCpu {
    static final String CLIENT_THREADS = "bench-client-";
    /** Linux's USER_HZ: /proc gives CPU times in 1/100 s on every common configuration. */
    private static final double MS_PER_TICK = 10.0;

    record Sample(long jvmTicks, long compilerTicks, long postgresTicks) {
        /**
         * Milliseconds per request between {@code before} and this sample: JVM (server threads), PostgreSQL, and of the
         * JVM's the JIT compiler's.
         */
        double[] perRequest(Sample before, long requests) {
            if (jvmTicks < 0 || before.jvmTicks < 0 || requests <= 0) return new double[] {Double.NaN, Double.NaN, Double.NaN};
            double pg = postgresTicks < 0 || before.postgresTicks < 0 ? Double.NaN : (postgresTicks - before.postgresTicks) * MS_PER_TICK / requests;
            return new double[] {(jvmTicks - before.jvmTicks) * MS_PER_TICK / requests, pg, (compilerTicks - before.compilerTicks) * MS_PER_TICK / requests};
        }
    }

    private final Path postgresData;

    ServerCpu(Path postgresData) {
        this.postgresData = postgresData;
    }

    Sample sample() {
        long[] jvm = jvmServerTicks();
        return new Sample(jvm[0], jvm[1], postgresTicks());
    }

    /** The JVM's CPU without the bench's client threads, and of it the JIT compiler threads'. */
    private static long[] jvmServerTicks() {
        try {
            long all = ticks(Files.readString(Path.of("/proc/self/stat")));
            long clients = 0, compiler = 0;
            try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
                for (Path t : (Iterable<Path>) tasks::iterator) {
                    String comm;
                    try {
                        comm = Files.readString(t.resolve("comm")).strip();
                        if (comm.startsWith(CLIENT_THREADS.substring(0, Math.min(15, CLIENT_THREADS.length()))) || comm.startsWith("HttpClient-"))
                            clients += ticks(Files.readString(t.resolve("stat")));
                        else if (comm.startsWith("C1 CompilerThre") || comm.startsWith("C2 CompilerThre"))
                            compiler += ticks(Files.readString(t.resolve("stat")));
                    } catch (IOException gone) {
                        // the thread ended between the listing and the read
                    }
                }
            }
            return new long[] {all - clients, compiler};
        } catch (IOException | RuntimeException e) {
            return new long[] {-1, -1};
        }
    }

    private long postgresTicks() {
        try {
            Path pidFile = postgresData.resolve("postmaster.pid");
            if (!Files.exists(pidFile)) return -1;
            String postmaster = Files.readAllLines(pidFile).get(0).strip();
            long sum = 0;
            try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
                for (Path p : (Iterable<Path>) procs::iterator) {
                    String name = p.getFileName().toString();
                    if (!name.chars().allMatch(Character::isDigit)) continue;
                    try {
                        String stat = Files.readString(p.resolve("stat"));
                        if (name.equals(postmaster) || parentOf(stat).equals(postmaster)) sum += ticks(stat);
                    } catch (IOException gone) {
                        // the process ended between the listing and the read
                    }
                }
            }
            return sum;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** utime + stime of a /proc stat line (fields 14 and 15; the command name in parentheses may hold spaces). */
    static long ticks(String stat) {
        List<String> f = fieldsAfterName(stat);
        return Long.parseLong(f.get(11)) + Long.parseLong(f.get(12));
    }

    private static String parentOf(String stat) {
        return fieldsAfterName(stat).get(1);
    }

    /** The fields after "pid (comm)": state first, then ppid, ... */
    private static List<String> fieldsAfterName(String stat) {
        return List.of(stat.substring(stat.lastIndexOf(')') + 2).strip().split(" "));
    }
}
