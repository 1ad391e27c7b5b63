package cn.titlecert.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.jayway.jsonpath.JsonPath;

import cn.titlecert.TestIdNumbers;
import cn.titlecert.organisation.OrganisationService;

/**
 * R27, the Modeler round trip over real HTTP: an administrator deploys a changed model to {@code /engine-rest}
 * as Camunda Modeler does (multipart {@code deployment/create}, HTTP Basic); a case started before stays on the
 * old version and goes on there, a new case takes the new one, both run side by side; the running case can then be
 * migrated through the REST migration API; the unchanged file in {@code bpmn/} does not undo the change at the next
 * start; a non-administrator is refused.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ModelerRoundTripTest {

    private static final String KEY = "acquisition-self-appointment";
    private static final String NEW_TASK = "Task_RegisterAppointment";

    @LocalServerPort int port;
    @Autowired ProcessEngine engine;
    @Autowired RepositoryService repository;
    @Autowired RuntimeService runtime;
    @Autowired TaskService tasks;
    @Autowired OrganisationService organisations;
    @Autowired ProcessResourceDeployer deployer;

    private final HttpClient http = HttpClient.newHttpClient();
    private final List<String> deployments = new ArrayList<>();

    /** The changed model stays in the shared test database for other test classes: take it away again. */
    @AfterEach
    void removeTheChangedModel() {
        deployments.forEach(id -> repository.deleteDeployment(id, true, true));
    }

    private HttpResponse<String> send(String user, String path, String contentType, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8)));
        if (body == null) {
            request.GET();
        } else {
            request.header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private String rest(String path) {
        return "/engine-rest/engine/" + engine.getName() + path;
    }

    /** What Camunda Modeler's "Deploy" sends: name, source, changed-only, and the file. */
    private HttpResponse<String> deployAsModeler(String user, String fileName, String xml) throws Exception {
        String boundary = "----modeler" + System.nanoTime();
        StringBuilder body = new StringBuilder();
        for (String[] field : new String[][] {{"deployment-name", "自主聘任增加备案登记"},
                {"deployment-source", "Camunda Modeler"}, {"deploy-changed-only", "true"}}) {
            body.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"").append(field[0])
                    .append("\"\r\n\r\n").append(field[1]).append("\r\n");
        }
        body.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"").append(fileName)
                .append("\"; filename=\"").append(fileName).append("\"\r\nContent-Type: application/octet-stream\r\n\r\n")
                .append(xml).append("\r\n--").append(boundary).append("--\r\n");
        return send(user, rest("/deployment/create"), "multipart/form-data; boundary=" + boundary, body.toString());
    }

    /** The model as an administrator would change it in Modeler: a registration step before the review. */
    private static String withRegistrationStep(String xml) {
        String changed = xml
                .replace("<bpmn:sequenceFlow id=\"Flow_ToReview\" sourceRef=\"StartEvent_Submitted\" targetRef=\"CallActivity_TieredReview\" />",
                        "<bpmn:userTask id=\"" + NEW_TASK + "\" name=\"聘任备案登记\" camunda:candidateGroups=\"bureau\">"
                                + "<bpmn:incoming>Flow_ToReview</bpmn:incoming><bpmn:outgoing>Flow_RegisteredToReview</bpmn:outgoing>"
                                + "</bpmn:userTask>"
                                + "<bpmn:sequenceFlow id=\"Flow_ToReview\" sourceRef=\"StartEvent_Submitted\" targetRef=\"" + NEW_TASK + "\" />"
                                + "<bpmn:sequenceFlow id=\"Flow_RegisteredToReview\" sourceRef=\"" + NEW_TASK
                                + "\" targetRef=\"CallActivity_TieredReview\" />")
                .replace("<bpmn:incoming>Flow_ToReview</bpmn:incoming>\n      <bpmn:outgoing>Flow_ToOutcome</bpmn:outgoing>",
                        "<bpmn:incoming>Flow_RegisteredToReview</bpmn:incoming>\n      <bpmn:outgoing>Flow_ToOutcome</bpmn:outgoing>");
        assertThat(changed).as("the model file has the expected shape").contains(NEW_TASK, "Flow_RegisteredToReview")
                .doesNotContain("<bpmn:incoming>Flow_ToReview</bpmn:incoming>\n      <bpmn:outgoing>Flow_ToOutcome");
        return changed;
    }

    private String submitCase(String name) throws Exception {
        long employer = organisations.findByCode("TJ-EMP-BHDZ").orElseThrow().id();
        HttpResponse<String> created = send("employer", "/api/applications", "application/json",
                "{\"path\":\"SELF_APPOINTMENT\",\"person\":{\"name\":\"" + name + "\",\"idType\":\"RESIDENT_ID\",\"idNumber\":\""
                        + TestIdNumbers.randomResidentId() + "\",\"phone\":\"" + TestIdNumbers.randomPhone()
                        + "\"},\"title\":{\"series\":\"工程技术\",\"specialty\":\"电子信息\",\"name\":\"工程师\",\"level\":\"INTERMEDIATE\"},"
                        + "\"obtainedOn\":\"2026-09-01\",\"employerId\":" + employer + "}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return JsonPath.read(created.body(), "$.processInstanceId");
    }

    private ProcessDefinition definitionOf(String processInstanceId) {
        ProcessInstance instance = runtime.createProcessInstanceQuery().processInstanceId(processInstanceId).singleResult();
        assertThat(instance).as("instance " + processInstanceId + " is running").isNotNull();
        return repository.getProcessDefinition(instance.getProcessDefinitionId());
    }

    @Test
    void aChangedModelDeployedFromModelerRunsBesideTheOldVersion() throws Exception {
        String original = Files.readString(Path.of("bpmn", KEY + ".bpmn"), StandardCharsets.UTF_8);
        String oldCase = submitCase("旧版本");
        ProcessDefinition before = definitionOf(oldCase);
        assertThat(before.getVersion()).isEqualTo(
                repository.createProcessDefinitionQuery().processDefinitionKey(KEY).latestVersion().singleResult().getVersion());

        // Not an administrator: refused by the engine's authorization, nothing deployed.
        HttpResponse<String> refused = deployAsModeler("bureau", KEY + ".bpmn", withRegistrationStep(original));
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(repository.createProcessDefinitionQuery().processDefinitionKey(KEY).latestVersion().singleResult()
                .getVersion()).isEqualTo(before.getVersion());
        assertThat(send("admin", "/engine-rest/engine/" + engine.getName() + "/deployment/create", "text/plain", "x")
                .statusCode()).as("a request Modeler would not send").isBetween(400, 499);

        HttpResponse<String> deployed = deployAsModeler("admin", KEY + ".bpmn", withRegistrationStep(original));
        assertThat(deployed.statusCode()).as(deployed.body()).isEqualTo(200);
        deployments.add(JsonPath.read(deployed.body(), "$.id"));
        List<Integer> versions = JsonPath.read(deployed.body(), "$.deployedProcessDefinitions.*.version");
        assertThat(versions).containsExactly(before.getVersion() + 1);

        // A case started now takes the new version and waits at the new step; the old one stays where it was.
        String newCase = submitCase("新版本");
        assertThat(definitionOf(newCase).getVersion()).isEqualTo(before.getVersion() + 1);
        assertThat(tasks.createTaskQuery().processInstanceId(newCase).singleResult().getTaskDefinitionKey()).isEqualTo(NEW_TASK);
        assertThat(definitionOf(oldCase).getId()).isEqualTo(before.getId());
        assertThat(runtime.createProcessInstanceQuery().processDefinitionKey(KEY).active().list())
                .extracting(ProcessInstance::getId).contains(oldCase, newCase);

        // The old case goes on under its own version: the employer approves, the supervisor's step follows.
        String employerTask = tasks.createTaskQuery().processInstanceBusinessKey(businessKeyOf(oldCase))
                .taskDefinitionKey("Task_ReviewByEmployer").singleResult().getId();
        HttpResponse<String> approved = send("employer", "/api/tasks/" + employerTask + "/complete", "application/json",
                "{\"decision\":\"APPROVE\"}");
        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
        assertThat(definitionOf(oldCase).getId()).isEqualTo(before.getId());
        assertThat(tasks.createTaskQuery().processInstanceBusinessKey(businessKeyOf(oldCase)).singleResult()
                .getTaskDefinitionKey()).isEqualTo("Task_ReviewBySupervisor");

        // The next start deploys bpmn/ again: the file there is unchanged, so the Modeler's version stays the latest.
        deployer.run(null);
        assertThat(repository.createProcessDefinitionQuery().processDefinitionKey(KEY).latestVersion().singleResult()
                .getVersion()).isEqualTo(before.getVersion() + 1);

        // Migrating the running case to the new version through the REST API (what Cockpit's migration does).
        String target = repository.createProcessDefinitionQuery().processDefinitionKey(KEY).latestVersion().singleResult().getId();
        HttpResponse<String> plan = send("admin", rest("/migration/generate"), "application/json",
                "{\"sourceProcessDefinitionId\":\"" + before.getId() + "\",\"targetProcessDefinitionId\":\"" + target
                        + "\",\"updateEventTriggers\":false}");
        assertThat(plan.statusCode()).as(plan.body()).isEqualTo(200);
        HttpResponse<String> refusedMigration = send("bureau", rest("/migration/execute"), "application/json",
                "{\"migrationPlan\":" + plan.body() + ",\"processInstanceIds\":[\"" + oldCase + "\"]}");
        assertThat(refusedMigration.statusCode()).isEqualTo(403);
        HttpResponse<String> migrated = send("admin", rest("/migration/execute"), "application/json",
                "{\"migrationPlan\":" + plan.body() + ",\"processInstanceIds\":[\"" + oldCase + "\"]}");
        assertThat(migrated.statusCode()).as(migrated.body()).isEqualTo(204);
        assertThat(definitionOf(oldCase).getId()).isEqualTo(target);
        assertThat(tasks.createTaskQuery().processInstanceBusinessKey(businessKeyOf(oldCase)).singleResult()
                .getTaskDefinitionKey()).as("still at its step").isEqualTo("Task_ReviewBySupervisor");
    }

    private String businessKeyOf(String processInstanceId) {
        return runtime.createProcessInstanceQuery().processInstanceId(processInstanceId).singleResult().getBusinessKey();
    }
}
