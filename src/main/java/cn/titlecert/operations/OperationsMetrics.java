package cn.titlecert.operations;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.management.Metrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import cn.titlecert.dashboard.DashboardMapper;
import cn.titlecert.issuance.ItemStatus;
import cn.titlecert.review.ReviewTier;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Gauges for Prometheus, read from the database when scraped, so every node reports the same installation-wide
 * figures (take {@code max} across nodes, not {@code sum}): the review backlog per step, the issuance queue, open
 * incidents and the engine's jobs. The engine's own job counters (acquired, executed, failed) are the sums the
 * engine's metrics reporter writes to its tables every 15 minutes, cluster-wide. Certificates generated and
 * verifications are counters of the node that did the work ({@code sum} across nodes).
 */
@Component
class OperationsMetrics {

    private static final Logger log = LoggerFactory.getLogger(OperationsMetrics.class);

    private final MeterRegistry registry;
    private final TaskService tasks;
    private final RuntimeService runtime;
    private final ManagementService management;
    private final DashboardMapper dashboard;

    OperationsMetrics(MeterRegistry registry, TaskService tasks, RuntimeService runtime, ManagementService management,
            DashboardMapper dashboard) {
        this.registry = registry;
        this.tasks = tasks;
        this.runtime = runtime;
        this.management = management;
        this.dashboard = dashboard;
    }

    /** Registered once the application is ready: the engine and the schema are there by then. */
    @EventListener(ApplicationReadyEvent.class)
    void register() {
        for (ReviewTier tier : ReviewTier.values()) {
            gauge("titlecert.review.backlog", "Open review steps", "tier", tier.name().toLowerCase(),
                    () -> tasks.createTaskQuery().taskDefinitionKey(tier.taskId()).active().count());
        }
        gauge("titlecert.review.late-uploads.open", "Late committee uploads the bureau has not checked yet", null, null,
                () -> tasks.createTaskQuery().taskDefinitionKey(ReviewTier.LATE_UPLOAD_TASK).active().count());
        for (ItemStatus status : List.of(ItemStatus.PENDING, ItemStatus.WAITING_FOR_PHOTO)) {
            gauge("titlecert.issuance.queue", "Cases of issuance batches not yet generated", "status",
                    status.name().toLowerCase(), () -> itemCounts().getOrDefault(status.name(), 0L));
        }
        gauge("titlecert.incidents.open", "Open incidents in the process engine", null, null,
                () -> runtime.createIncidentQuery().count());
        gauge("titlecert.jobs", "Jobs of the process engine", "state", "executable",
                () -> management.createJobQuery().executable().count());
        gauge("titlecert.jobs", "Jobs of the process engine", "state", "failed",
                () -> management.createJobQuery().noRetriesLeft().count());
        for (String metric : List.of(Metrics.JOB_ACQUIRED_SUCCESS, Metrics.JOB_SUCCESSFUL, Metrics.JOB_FAILED,
                Metrics.JOB_LOCKED_EXCLUSIVE)) {
            FunctionCounter.builder("camunda.jobs.reported", management,
                    m -> safely(() -> m.createMetricsQuery().name(metric).sum()))
                    .description("Engine job metric as reported to the database (every 15 min, all nodes)")
                    .tag("metric", metric).register(registry);
        }
    }

    private Map<String, Long> itemCounts() {
        return dashboard.countItemsByStatus().stream()
                .collect(Collectors.toMap(DashboardMapper.StatusCount::status, DashboardMapper.StatusCount::n));
    }

    private void gauge(String name, String description, String tag, String value, Supplier<Number> reading) {
        Gauge.Builder<Supplier<Number>> builder = Gauge.builder(name, () -> (Number) safely(reading))
                .description(description);
        if (tag != null) {
            builder.tag(tag, value);
        }
        builder.register(registry);
    }

    /** A scrape during a database outage reports "no value" instead of failing the whole scrape. */
    private static double safely(Supplier<? extends Number> reading) {
        try {
            return reading.get().doubleValue();
        } catch (RuntimeException e) {
            log.warn("Metric not readable: {}", e.getClass().getSimpleName());
            return Double.NaN;
        }
    }
}
