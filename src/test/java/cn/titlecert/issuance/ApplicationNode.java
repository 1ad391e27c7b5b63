package cn.titlecert.issuance;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The product started as a separate JVM on the test's database, with its job executor on: a second node, or a
 * node to kill with SIGKILL in the middle of a batch. Its output goes to {@code target/nodes/<name>.log}.
 */
final class ApplicationNode implements AutoCloseable {

    private final String name;
    private final Process process;
    private final Path log;

    private ApplicationNode(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    /** @param lockMillis how long a job stays locked by this node (a killed node's jobs wait that long) */
    /** @param settings more {@code --name=value} arguments for this node */
    static ApplicationNode start(String name, String profiles, long lockMillis, String... settings) throws IOException {
        Path dir = Path.of("target", "nodes");
        Files.createDirectories(dir);
        Path log = dir.resolve(name + ".log");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx768m", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"),
                "cn.titlecert.TitlecertApplication",
                "--spring.profiles.active=" + profiles,
                "--server.port=0",
                "--server.tomcat.basedir=" + dir.resolve(name).toAbsolutePath(),
                "--camunda.bpm.job-execution.enabled=true",
                "--camunda.bpm.job-execution.lock-time-in-millis=" + lockMillis,
                "--camunda.bpm.job-execution.max-wait=1000",
                "--camunda.bpm.generic-properties.properties.hostname=" + name,
                "--titlecert.issuance.poll-interval=PT1S",
                "--titlecert.demo-applications=false"));
        command.addAll(List.of(settings));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
                .directory(new File(".").getAbsoluteFile()).start();
        return new ApplicationNode(name, process, log);
    }

    /** SIGKILL: no shutdown hook, no rollback by the JVM, open transactions die with the connections. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    boolean alive() {
        return process.isAlive();
    }

    String name() {
        return name;
    }

    Path log() {
        return log;
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                kill();
            }
        }
    }
}
