package cn.titlecert.operations;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.stereotype.Component;

/**
 * {@code engine} in {@code /actuator/health} (and the readiness group): the process engine answers a query on its
 * own tables, and its job executor runs, unless switched off on purpose ({@code camunda.bpm.job-execution.enabled:
 * false}, a node that serves requests only). A node whose job executor stopped would leave the month's certificates
 * to the others unnoticed, so it is reported DOWN.
 */
@Component("engine")
class EngineHealthIndicator extends AbstractHealthIndicator {

    private final ProcessEngine engine;
    private final boolean jobExecutionEnabled;

    EngineHealthIndicator(ProcessEngine engine,
            @Value("${camunda.bpm.job-execution.enabled:true}") boolean jobExecutionEnabled) {
        super("The process engine is not available");
        this.engine = engine;
        this.jobExecutionEnabled = jobExecutionEnabled;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        engine.getManagementService().getProperties(); // a round trip through the engine to its tables
        builder.withDetail("name", engine.getName());
        JobExecutor executor = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getJobExecutor();
        if (!jobExecutionEnabled) {
            builder.up().withDetail("jobExecutor", "disabled");
        } else if (executor != null && executor.isActive()) {
            builder.up().withDetail("jobExecutor", "active")
                    .withDetail("lockTimeInMillis", executor.getLockTimeInMillis())
                    .withDetail("maxJobsPerAcquisition", executor.getMaxJobsPerAcquisition());
        } else {
            builder.down().withDetail("jobExecutor", "stopped");
        }
    }
}
