package cn.titlecert;

import java.io.IOException;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * Where a benchmark's CPU time went between two readings: this JVM (and its JIT compilers), the whole machine
 * split into user and kernel time, and the local database server when it runs here. Wall-clock figures on a
 * shared 2-core machine move by 10-20% from run to run; CPU milliseconds per unit of work, and how much of it the
 * JIT compilers still take, say whether a run measured a warm program or one still being compiled.
 *
 * <p>Machine-wide figures come from Linux's {@code /proc}; elsewhere only the JVM's own are printed.
 */
public final class CpuAccount {

    private static final long NANOS_PER_TICK = 1_000_000_000L / 100; // USER_HZ is 100 on Linux

    private final long jvmCpuNanos;
    private final long jitMillis;
    private final Optional<Long> jitTicks;
    private final long wallNanos;
    private final Optional<long[]> machineTicks;
    private final Optional<Long> databaseTicks;
    private final String databaseProcess;

    private CpuAccount(String databaseProcess) {
        this.databaseProcess = databaseProcess;
        this.wallNanos = System.nanoTime();
        this.jvmCpuNanos = jvmCpu();
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        this.jitMillis = jit != null && jit.isCompilationTimeMonitoringSupported() ? jit.getTotalCompilationTime() : -1;
        this.jitTicks = compilerThreadTicks();
        this.machineTicks = machine();
        this.databaseTicks = databaseProcess == null ? Optional.empty() : processTicks(databaseProcess);
    }

    /** @param databaseProcess the database server's process name (e.g. {@code mariadbd}), or null for none */
    public static CpuAccount now(String databaseProcess) {
        return new CpuAccount(databaseProcess);
    }

    /** CPU milliseconds per unit of work since this reading, as one line. */
    public String perUnitSince(int units, String unit) {
        CpuAccount end = new CpuAccount(databaseProcess);
        double wallMs = (end.wallNanos - wallNanos) / 1e6;
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "CPU per %s: JVM %.1f ms", unit,
                (end.jvmCpuNanos - jvmCpuNanos) / 1e6 / units));
        if (jitTicks.isPresent() && end.jitTicks.isPresent()) {
            line.append(String.format(Locale.ROOT, " (of which JIT compilers %.1f ms)",
                    (end.jitTicks.get() - jitTicks.get()) * NANOS_PER_TICK / 1e6 / units));
        } else if (jitMillis >= 0 && end.jitMillis >= 0) {
            // Compilation time is the compiler threads' elapsed time: on a busy machine it includes waiting for a core.
            line.append(String.format(Locale.ROOT, " (JIT compilers busy %.0f%% of the time)",
                    100.0 * (end.jitMillis - jitMillis) / wallMs));
        }
        if (databaseTicks.isPresent() && end.databaseTicks.isPresent()) {
            line.append(String.format(Locale.ROOT, ", %s %.1f ms", databaseProcess,
                    (end.databaseTicks.get() - databaseTicks.get()) * NANOS_PER_TICK / 1e6 / units));
        }
        if (machineTicks.isPresent() && end.machineTicks.isPresent()) {
            long[] a = machineTicks.get();
            long[] b = end.machineTicks.get();
            double user = (b[0] - a[0]) * NANOS_PER_TICK / 1e6 / units;
            double system = (b[1] - a[1]) * NANOS_PER_TICK / 1e6 / units;
            double idle = (b[2] - a[2]) * NANOS_PER_TICK / 1e6 / units;
            line.append(String.format(Locale.ROOT, "; whole machine %.1f ms busy (user %.1f, kernel %.1f), %.1f ms idle",
                    user + system, user, system, idle));
        }
        return line.toString();
    }

    /**
     * The JIT compilers' share of this JVM's CPU time since this reading (0 to 1), or empty where {@code /proc} does
     * not tell: a JVM whose compilers still take a good part of its time is not measured warm yet.
     */
    public Optional<Double> jitShareSince() {
        CpuAccount end = new CpuAccount(databaseProcess);
        long jvm = end.jvmCpuNanos - jvmCpuNanos;
        if (jitTicks.isEmpty() || end.jitTicks.isEmpty() || jvm <= 0) {
            return Optional.empty();
        }
        return Optional.of(Math.min(1.0, (end.jitTicks.get() - jitTicks.get()) * NANOS_PER_TICK / (double) jvm));
    }

    /**
     * utime + stime of this JVM's JIT compiler threads (HotSpot names them "C1 CompilerThre…", "C2 CompilerThre…").
     * A compiler thread the JVM stops (it adds and removes them with the load on larger machines) takes its time
     * with it, so on such machines this is a lower bound.
     */
    private static Optional<Long> compilerThreadTicks() {
        try (var tasks = Files.list(Path.of("/proc/self/task"))) {
            long ticks = 0;
            for (Path task : (Iterable<Path>) tasks::iterator) {
                try {
                    if (!Files.readString(task.resolve("comm")).contains("CompilerThre")) {
                        continue;
                    }
                    ticks += cpuTicks(task.resolve("stat"));
                } catch (IOException | RuntimeException gone) {
                    // the thread ended meanwhile
                }
            }
            return Optional.of(ticks);
        } catch (IOException | RuntimeException notLinux) {
            return Optional.empty();
        }
    }

    private static long jvmCpu() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return 0;
    }

    /** user (incl. nice), kernel (system, irq, softirq), idle (incl. iowait) ticks of all cores. */
    private static Optional<long[]> machine() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long user = Long.parseLong(f[1]) + Long.parseLong(f[2]);
            long system = Long.parseLong(f[3]) + Long.parseLong(f[6]) + Long.parseLong(f[7]);
            long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
            return Optional.of(new long[] {user, system, idle});
        } catch (IOException | RuntimeException notLinux) {
            return Optional.empty();
        }
    }

    /** utime + stime of the first process of that name, when one runs on this machine. */
    private static Optional<Long> processTicks(String name) {
        try (var processes = Files.list(Path.of("/proc"))) {
            return processes.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
                    .filter(p -> {
                        try {
                            return Files.readString(p.resolve("comm")).trim().equals(name);
                        } catch (IOException | RuntimeException gone) {
                            return false;
                        }
                    }).findFirst().flatMap(p -> {
                        try {
                            return Optional.of(cpuTicks(p.resolve("stat")));
                        } catch (IOException | RuntimeException gone) {
                            return Optional.empty();
                        }
                    });
        } catch (IOException | RuntimeException notLinux) {
            return Optional.empty();
        }
    }

    /** utime + stime from a process's or thread's {@code stat} file. */
    private static long cpuTicks(Path stat) throws IOException {
        String line = Files.readString(stat);
        // Fields after the command name in parentheses (which may hold spaces).
        String[] f = line.substring(line.lastIndexOf(')') + 2).split("\\s+");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }
}
