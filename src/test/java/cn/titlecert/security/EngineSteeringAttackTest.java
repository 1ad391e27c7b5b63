package cn.titlecert.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.jayway.jsonpath.JsonPath;

import cn.titlecert.HttpSignIn;
import cn.titlecert.TestIdNumbers;
import cn.titlecert.application.ApplicationMapper;
import cn.titlecert.application.ApplicationStatus;
import cn.titlecert.organisation.OrganisationService;
import cn.titlecert.review.ReviewTier;
import cn.titlecert.verification.IssuedCertificates;

/**
 * Attacks on a case's course through the engine's REST API and Tasklist's own API, as each role could try them: a
 * task's user may hand over the decision of that step and nothing else, holders do not reach the engine at all,
 * operators retry jobs but do not move or change instances, and staff who only work on tasks do not read the models.
 * Every refused attempt leaves the case where it was.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class EngineSteeringAttackTest {

    @LocalServerPort int port;
    @Autowired ProcessEngine engine;
    @Autowired TaskService tasks;
    @Autowired RuntimeService runtime;
    @Autowired AuthorizationService authorizations;
    @Autowired ApplicationMapper applications;
    @Autowired OrganisationService organisations;
    @Autowired IssuedCertificates issued;

    private final HttpClient http = HttpClient.newHttpClient();

    private String rest(String path) {
        return "/engine-rest/engine/" + engine.getName() + path;
    }

    private HttpResponse<String> call(String method, String user, String path, String json) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private long org(String code) {
        return organisations.findByCode(code).orElseThrow().id();
    }

    private static String title(String name, String level) {
        return "{\"series\":\"工程技术\",\"specialty\":\"电子信息\",\"name\":\"" + name + "\",\"level\":\"" + level + "\"}";
    }

    /** A commissioned review the demo employer submits for a new member of its staff: employer, then supervisor. */
    private long employersCase() throws Exception {
        String person = "{\"name\":\"流程攻击\",\"idType\":\"RESIDENT_ID\",\"idNumber\":\"" + TestIdNumbers.randomResidentId()
                + "\",\"phone\":\"" + TestIdNumbers.randomPhone() + "\"}";
        HttpResponse<String> created = call("POST", "employer", "/api/applications", "{\"path\":\"COMMISSIONED_REVIEW\","
                + "\"person\":" + person + ",\"title\":" + title("高级工程师", "DEPUTY_SENIOR")
                + ",\"obtainedOn\":\"2026-10-01\",\"employerId\":" + org("TJ-EMP-BHDZ")
                + ",\"reviewBodyName\":\"工业和信息化部电子信息高级评委会\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return ((Number) JsonPath.read(created.body(), "$.id")).longValue();
    }

    private Task openTask(long applicationId) {
        return tasks.createTaskQuery().processInstanceBusinessKey(String.valueOf(applicationId)).active().singleResult();
    }

    private String waitingStep(long applicationId) {
        Task task = openTask(applicationId);
        return task == null ? null : task.getTaskDefinitionKey();
    }

    @Test
    void theEmployerCannotSkipTheSupervisoryDepartment() throws Exception {
        long id = employersCase();
        Task task = openTask(id);
        assertThat(task.getTaskDefinitionKey()).isEqualTo(ReviewTier.EMPLOYER.taskId());

        HttpResponse<String> skip = call("POST", "employer", rest("/task/" + task.getId() + "/complete"),
                "{\"variables\":{\"decision\":{\"value\":\"APPROVE\"},\"supervisorReview\":{\"value\":false}}}");
        assertThat(skip.statusCode()).as(skip.body()).isEqualTo(400);
        assertThat(skip.body()).contains("supervisorReview");
        HttpResponse<String> submitted = call("POST", "employer", rest("/task/" + task.getId() + "/submit-form"),
                "{\"variables\":{\"decision\":{\"value\":\"APPROVE\"},\"bureauReview\":{\"value\":false},"
                        + "\"supervisorGroup\":{\"value\":\"org1\"}}}");
        assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(400);
        assertThat(waitingStep(id)).as("still at the employer").isEqualTo(ReviewTier.EMPLOYER.taskId());

        // Setting the variable beside the completion is refused as well, and so is handing the task to someone else.
        assertThat(call("PUT", "employer", rest("/task/" + task.getId() + "/variables/supervisorReview"),
                "{\"value\":false,\"type\":\"Boolean\"}").statusCode()).isEqualTo(403);
        assertThat(call("POST", "employer", rest("/process-instance/" + task.getProcessInstanceId() + "/variables"),
                "{\"modifications\":{\"supervisorReview\":{\"value\":false}}}").statusCode()).isIn(403, 404);
        assertThat(call("POST", "employer", rest("/task/" + task.getId() + "/claim"), "{\"userId\":\"holder\"}")
                .statusCode()).isEqualTo(403);
        assertThat(call("POST", "employer", rest("/task/" + task.getId() + "/identity-links"),
                "{\"groupId\":\"camunda-admin\",\"type\":\"candidate\"}").statusCode()).isEqualTo(403);
        assertThat(tasks.getVariable(task.getId(), "supervisorReview")).isNotEqualTo(false);
        assertThat(tasks.createTaskQuery().taskId(task.getId()).singleResult().getAssignee()).isNull();

        // The decision alone goes through, and the case goes on to the supervisory department.
        HttpResponse<String> approved = call("POST", "employer", rest("/task/" + task.getId() + "/complete"),
                "{\"variables\":{\"decision\":{\"value\":\"APPROVE\"}}}");
        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(204);
        assertThat(waitingStep(id)).isEqualTo(ReviewTier.SUPERVISOR.taskId());
    }

    @Test
    void theEmployerCannotDecideAnotherCaseThroughItsOwnTask() throws Exception {
        long own = employersCase();
        long other = employersCase();
        Task task = openTask(own);
        HttpResponse<String> response = call("POST", "employer", rest("/task/" + task.getId() + "/complete"),
                "{\"variables\":{\"decision\":{\"value\":\"REJECT\"},\"decisionReason\":{\"value\":\"不符合条件\"},"
                        + "\"applicationId\":{\"value\":" + other + ",\"type\":\"Long\"}}}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.body()).contains("applicationId");
        assertThat(applications.findById(other).orElseThrow().status()).isEqualTo(ApplicationStatus.IN_REVIEW);
        assertThat(applications.findById(own).orElseThrow().status()).isEqualTo(ApplicationStatus.IN_REVIEW);

        // A form that sends back the number it shows, unchanged, is fine.
        HttpResponse<String> echoed = call("POST", "employer", rest("/task/" + task.getId() + "/submit-form"),
                "{\"variables\":{\"decision\":{\"value\":\"REJECT\"},\"decisionReason\":{\"value\":\"不符合条件\"},"
                        + "\"applicationId\":{\"value\":" + own + ",\"type\":\"Long\"}}}");
        assertThat(echoed.statusCode()).as(echoed.body()).isEqualTo(204);
        assertThat(applications.findById(own).orElseThrow().status()).isEqualTo(ApplicationStatus.REJECTED);
        assertThat(applications.findById(other).orElseThrow().status()).isEqualTo(ApplicationStatus.IN_REVIEW);
    }

    @Test
    void aReturnedHolderCannotRerouteTheCaseThroughTheEngine() throws Exception {
        HttpResponse<String> created = call("POST", "holder", "/api/applications", "{\"path\":\"SELF_APPOINTMENT\","
                + "\"title\":" + title("攻击职称" + System.nanoTime(), "INTERMEDIATE") + ",\"obtainedOn\":\"2026-10-20\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        long id = ((Number) JsonPath.read(created.body(), "$.id")).longValue();
        String employerTask = openTask(id).getId();
        assertThat(call("POST", "employer", "/api/tasks/" + employerTask + "/complete",
                "{\"decision\":\"RETURN\",\"decisionReason\":\"请补充聘任文件\"}").statusCode()).isEqualTo(200);
        Task revise = openTask(id);
        assertThat(revise.getTaskDefinitionKey()).isEqualTo(ReviewTier.REVISE_TASK);

        HttpResponse<String> reroute = call("POST", "holder", rest("/task/" + revise.getId() + "/complete"),
                "{\"variables\":{\"path\":{\"value\":\"SOCIAL_REVIEW\"}}}");
        assertThat(reroute.statusCode()).isEqualTo(403);
        assertThat(reroute.body()).contains("\"code\":\"forbidden\"");
        assertThat(call("GET", "holder", rest("/task"), null).statusCode()).isEqualTo(403);
        assertThat(applications.findById(id).orElseThrow().status()).isEqualTo(ApplicationStatus.RETURNED);

        // Even had the variable been set, the tiers come from the case: a resubmitted case goes to its employer again.
        runtime.setVariable(revise.getExecutionId(), "path", "SOCIAL_REVIEW");
        assertThat(call("PUT", "holder", "/api/applications/" + id, "{}").statusCode()).isEqualTo(200);
        assertThat(waitingStep(id)).isEqualTo(ReviewTier.EMPLOYER.taskId());
        assertThat(applications.findById(id).orElseThrow().status()).isEqualTo(ApplicationStatus.IN_REVIEW);
    }

    @Test
    void theSupervisoryDepartmentCannotMakeItselfTheBureauOfACorrection() throws Exception {
        IssuedCertificates.Issued cert = issued.issue(issued.personWithPhoto("更正攻击").id());
        HttpResponse<String> asked = call("POST", "employer", "/api/certificates/" + cert.certificate().number()
                + "/corrections", "{\"changes\":{\"titleSpecialty\":\"集成电路设计\"},\"reason\":\"专业名称与评审结果不符\"}");
        assertThat(asked.statusCode()).as(asked.body()).isEqualTo(201);
        Task review = tasks.createTaskQuery()
                .processInstanceBusinessKey("correction:" + JsonPath.read(asked.body(), "$.id")).active().singleResult();
        String instance = review.getProcessInstanceId();
        assertThat(review.getTaskDefinitionKey()).isEqualTo("Task_ReviewCorrection");

        String supervisorGroup = OrganisationGroups.of(org("TJ-GXJ"));
        HttpResponse<String> response = call("POST", "supervisor", rest("/task/" + review.getId() + "/complete"),
                "{\"variables\":{\"decision\":{\"value\":\"APPROVE\"},\"bureauGroup\":{\"value\":\"" + supervisorGroup + "\"}}}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(tasks.createTaskQuery().taskId(review.getId()).count()).as("the step is still open").isOne();
        assertThat(runtime.getVariable(instance, "bureauGroup")).isNotEqualTo(supervisorGroup);
    }

    @Test
    void theOperatorRetriesJobsButDoesNotMoveOrChangeCases() throws Exception {
        long id = employersCase();
        Task task = openTask(id);
        String instance = task.getProcessInstanceId();
        HttpResponse<String> moved = call("POST", "operator", rest("/process-instance/" + instance + "/modification"),
                "{\"instructions\":[{\"type\":\"cancel\",\"activityId\":\"Task_ReviewByEmployer\"},"
                        + "{\"type\":\"startBeforeActivity\",\"activityId\":\"Task_ApproveApplication\"}]}");
        assertThat(moved.statusCode()).as(moved.body()).isEqualTo(403);
        assertThat(call("PUT", "operator", rest("/process-instance/" + instance + "/variables/bureauReview"),
                "{\"value\":false,\"type\":\"Boolean\"}").statusCode()).isEqualTo(403);
        assertThat(call("POST", "operator", rest("/message"), "{\"messageName\":\"any\",\"processInstanceId\":\""
                + instance + "\"}").statusCode()).isIn(400, 403);
        // Nor run or reschedule a timer early (a month's release, an upload deadline).
        String timer = engine.getManagementService().createJobQuery().timers().list().stream().findFirst()
                .map(org.camunda.bpm.engine.runtime.Job::getId).orElse("no-timer");
        assertThat(call("POST", "operator", rest("/job/" + timer + "/execute"), null).statusCode()).isEqualTo(403);
        assertThat(call("PUT", "operator", rest("/job/" + timer + "/duedate"), "{\"duedate\":\"2020-01-01T00:00:00.000+0000\"}")
                .statusCode()).isEqualTo(403);
        assertThat(waitingStep(id)).isEqualTo(ReviewTier.EMPLOYER.taskId());

        assertThat(authorizations.isUserAuthorized("operator", List.of(Role.OPERATOR.groupId()), Permissions.UPDATE,
                Resources.PROCESS_INSTANCE, instance)).isFalse();
        assertThat(authorizations.isUserAuthorized("operator", List.of(Role.OPERATOR.groupId()),
                org.camunda.bpm.engine.authorization.ProcessInstancePermissions.RETRY_JOB, Resources.PROCESS_INSTANCE,
                instance)).isTrue();
    }

    @Test
    void staffWhoOnlyWorkOnTasksDoNotReadTheModels() throws Exception {
        HttpResponse<String> xml = call("GET", "employer", rest("/process-definition/key/tiered-review/xml"), null);
        assertThat(xml.statusCode()).isIn(403, 404);
        assertThat(xml.body()).doesNotContain("bpmn:definitions");
        assertThat(call("GET", "employer", rest("/process-definition"), null).body()).isEqualTo("[]");
        assertThat(call("GET", "admin", rest("/process-definition/key/tiered-review/xml"), null).body())
                .contains("bpmn:definitions");
    }

    @Test
    void tasklistsOwnApiTakesOnlyTheStepsDecisionToo() throws Exception {
        long id = employersCase();
        Task task = openTask(id);
        HttpClient browser = HttpSignIn.as(port, "employer", "demo");
        // The webapps hand out their CSRF token in a cookie with the first page, and want it back in a header.
        browser.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/camunda/app/tasklist/"
                + engine.getName() + "/")).build(), HttpResponse.BodyHandlers.ofString());
        CookieManager cookies = (CookieManager) browser.cookieHandler().orElseThrow();
        String xsrf = cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("XSRF-TOKEN"))
                .map(HttpCookie::getValue).findFirst().orElseThrow();
        HttpResponse<String> submitted = browser.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                + "/camunda/api/engine/engine/" + engine.getName() + "/task/" + task.getId() + "/submit-form"))
                .header("Content-Type", "application/json").header("X-XSRF-TOKEN", xsrf)
                .POST(HttpRequest.BodyPublishers.ofString("{\"variables\":{\"decision\":{\"value\":\"APPROVE\"},"
                        + "\"supervisorReview\":{\"value\":false}}}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(400);
        assertThat(waitingStep(id)).isEqualTo(ReviewTier.EMPLOYER.taskId());

        HttpResponse<String> decided = browser.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                + "/camunda/api/engine/engine/" + engine.getName() + "/task/" + task.getId() + "/submit-form"))
                .header("Content-Type", "application/json").header("X-XSRF-TOKEN", xsrf)
                .POST(HttpRequest.BodyPublishers.ofString("{\"variables\":{\"decision\":{\"value\":\"APPROVE\"}}}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(decided.statusCode()).as(decided.body()).isEqualTo(204);
        assertThat(waitingStep(id)).isEqualTo(ReviewTier.SUPERVISOR.taskId());
    }
}
