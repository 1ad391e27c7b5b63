package cn.titlecert.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.CompositeProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/** The product's engine runs the plugin (a bean like the other engine plugins, picked up by the starter). */
@SpringBootTest
class JobRetryCycleParsingEngineTest {

    @Autowired
    ProcessEngine engine;

    @Test
    void theEngineIsConfiguredWithThePlugin() {
        // The starter hands the engine its plugin beans as one composite plugin.
        assertThat(((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getProcessEnginePlugins())
                .flatMap(plugin -> plugin instanceof CompositeProcessEnginePlugin composite ? composite.getPlugins()
                        : List.of(plugin))
                .anyMatch(JobRetryCycleParsing.class::isInstance);
    }
}
