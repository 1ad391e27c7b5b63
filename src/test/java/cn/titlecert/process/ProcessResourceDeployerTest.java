package cn.titlecert.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.io.FileSystemResource;

@SpringBootTest
class ProcessResourceDeployerTest {

    @Autowired
    ProcessResourceDeployer deployer;

    @Autowired
    RepositoryService repository;

    @Autowired
    RuntimeService runtime;

    private static byte[] model(String key, String taskName) {
        BpmnModelInstance model = Bpmn.createExecutableProcess(key).camundaHistoryTimeToLive(180).name("测试流程")
                .startEvent().userTask("Task_Check").name(taskName).camundaFormRef("form_check").camundaFormRefBinding("latest").endEvent().done();
        return Bpmn.convertToString(model).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] form(String label) {
        return ("{\"id\":\"form_check\",\"type\":\"default\",\"schemaVersion\":16,\"components\":[{\"key\":\"decision\","
                + "\"label\":\"" + label + "\",\"type\":\"textfield\",\"id\":\"Field_1\"}]}").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void onlyChangedResourcesBecomeNewVersionsAndRunningInstancesKeepTheirs() {
        String key = "Process_DeployTest_" + UUID.randomUUID().toString().substring(0, 8);
        String resource = "bpmn/" + key + ".bpmn";
        byte[] first = model(key, "审核");
        deployer.deploy(Map.of(resource, first, "forms/check.form", form("决定")));
        ProcessInstance onFirst = runtime.startProcessInstanceByKey(key);

        deployer.deploy(Map.of(resource, first.clone(), "forms/check.form", form("决定")));
        assertThat(repository.createProcessDefinitionQuery().processDefinitionKey(key).count())
                .as("an unchanged model creates no new version").isEqualTo(1);

        deployer.deploy(Map.of(resource, model(key, "复核"), "forms/check.form", form("决定")));
        assertThat(repository.createProcessDefinitionQuery().processDefinitionKey(key).count()).isEqualTo(2);
        ProcessInstance onSecond = runtime.startProcessInstanceByKey(key);

        assertThat(repository.getProcessDefinition(onFirst.getProcessDefinitionId()).getVersion()).isEqualTo(1);
        assertThat(repository.getProcessDefinition(onSecond.getProcessDefinitionId()).getVersion()).isEqualTo(2);
        assertThat(runtime.createProcessInstanceQuery().processInstanceId(onFirst.getId()).singleResult()
                .getProcessDefinitionId()).isEqualTo(onFirst.getProcessDefinitionId());
        assertThat(repository.createDeploymentQuery().deploymentName(ProcessResourceDeployer.DEPLOYMENT_NAME).count())
                .isGreaterThanOrEqualTo(2);
        runtime.deleteProcessInstance(onFirst.getId(), "test");
        runtime.deleteProcessInstance(onSecond.getId(), "test");
    }

    @Test
    void resourceNamesKeepTheirFolder() throws Exception {
        FileSystemResource file = new FileSystemResource("/tmp/x/target/classes/bpmn/sub/a.bpmn");
        assertThat(ProcessResourceDeployer.nameOf(file, "classpath*:bpmn/**/*.bpmn")).isEqualTo("bpmn/sub/a.bpmn");
        FileSystemResource form = new FileSystemResource("/tmp/x/target/classes/forms/review.form");
        assertThat(ProcessResourceDeployer.nameOf(form, "classpath*:forms/**/*.form")).isEqualTo("forms/review.form");
    }
}
