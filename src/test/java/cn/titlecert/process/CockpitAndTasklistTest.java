package cn.titlecert.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.util.Base64;
import java.util.List;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.jayway.jsonpath.JsonPath;

import cn.titlecert.HttpSignIn;
import cn.titlecert.TestIdNumbers;
import cn.titlecert.application.ApplicationMapper;
import cn.titlecert.application.ApplicationStatus;
import cn.titlecert.certificate.CertificateIssuer;
import cn.titlecert.issuance.IssuanceFixtures;
import cn.titlecert.issuance.IssuanceMapper;
import cn.titlecert.issuance.IssuanceOperations;
import cn.titlecert.issuance.IssuanceService;
import cn.titlecert.issuance.ItemStatus;
import cn.titlecert.organisation.OrganisationService;

/**
 * R28 through the engine's REST API and the webapps' own API, as Cockpit and Tasklist call them: an operator sees
 * the incident of a failed generation and retries it; Tasklist loads each task's Camunda Form for the task's
 * candidates only. The same users and groups as the product: nobody else sees or changes anything.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CockpitAndTasklistTest {

    private static final String FIXTURE_PASSWORD = "fixture-password";

    @LocalServerPort int port;
    @Autowired ProcessEngine engine;
    @Autowired RuntimeService runtime;
    @Autowired ManagementService management;
    @Autowired IssuanceFixtures fixtures;
    @Autowired IssuanceMapper batches;
    @Autowired IssuanceService issuance;
    @Autowired IssuanceOperations operations;
    @Autowired ApplicationMapper applications;
    @Autowired OrganisationService organisations;
    @Autowired Clock clock;
    @Autowired org.camunda.bpm.engine.IdentityService identity;
    @Autowired cn.titlecert.security.IdentityBootstrap bootstrap;

    private final HttpClient http = HttpClient.newHttpClient();

    private String rest(String path) {
        return "/engine-rest/engine/" + engine.getName() + path;
    }

    private HttpResponse<String> call(String method, String user, String password, String path, String json)
            throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private HttpResponse<String> get(String user, String path) throws Exception {
        return call("GET", user, "demo", path, null);
    }

    /** A browser signed in through the product's login page, as Cockpit is opened. */
    private HttpClient signedIn(String user) throws Exception {
        return HttpSignIn.as(port, user, "demo");
    }

    @Test
    void theOperatorSeesTheIncidentOfAFailedGenerationAndRetriesIt() throws Exception {
        // One approved case in a batch being generated, its generation started as a job.
        IssuanceFixtures.Bureau b = fixtures.newBureau();
        YearMonth month = YearMonth.now(clock.withZone(CertificateIssuer.CHINA)).minusMonths(1);
        long application = fixtures.approvedCases(b, month, 1, true).get(0);
        long batchId = fixtures.approvedBatch(b, month, "津人社职〔2026〕99号");
        Instant now = clock.instant();
        assertThat(issuance.dispatch(batchId)).isEqualTo(1);
        String group = batches.findItemByApplication(application).orElseThrow().processInstanceId();

        // Something outside the engine breaks every attempt: the group's job hands the case over to a job of its own,
        // whose retries run out, and an incident opens for that case.
        applications.updateProgress(application, ApplicationStatus.SUBMITTED, null, month.toString(), now);
        management.executeJob(management.createJobQuery().processInstanceId(group).singleResult().getId());
        String instance = batches.findItemByApplication(application).orElseThrow().processInstanceId();
        assertThat(instance).isNotEqualTo(group);
        assertThat(runtime.createProcessInstanceQuery().processInstanceId(group).count()).as("the group ended").isZero();
        for (int attempt = 0; attempt < 5; attempt++) {
            Job job = management.createJobQuery().processInstanceId(instance).singleResult();
            assertThatThrownBy(() -> management.executeJob(job.getId())).isInstanceOf(RuntimeException.class);
        }

        HttpResponse<String> incidents = get("operator", rest("/incident?processInstanceId=" + instance));
        assertThat(incidents.statusCode()).isEqualTo(200);
        List<String> types = JsonPath.read(incidents.body(), "$[*].incidentType");
        assertThat(types).containsExactly("failedJob");
        String jobId = JsonPath.read(incidents.body(), "$[0].configuration");
        assertThat(JsonPath.<String>read(incidents.body(), "$[0].activityId")).isEqualTo("Task_GenerateCertificate");
        assertThat(JsonPath.<Integer>read(get("operator", rest("/job/" + jobId)).body(), "$.retries")).isZero();
        assertThat(JsonPath.<Integer>read(get("operator", rest("/incident/count")).body(), "$.count")).isPositive();

        // Cockpit reads the same through the webapp's API, with the product's login.
        HttpClient cockpit = signedIn("operator");
        HttpResponse<String> seen = cockpit.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                + "/camunda/api/engine/engine/" + engine.getName() + "/incident?processInstanceId=" + instance)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(seen.statusCode()).isEqualTo(200);
        assertThat(seen.body()).contains(jobId);

        // Others neither see nor retry it.
        assertThat(get("holder", rest("/incident?processInstanceId=" + instance)).statusCode()).as("holders have no engine access")
                .isEqualTo(403);
        assertThat(get("employer", rest("/incident?processInstanceId=" + instance)).body()).isEqualTo("[]");
        assertThat(call("PUT", "employer", "demo", rest("/job/" + jobId + "/retries"), "{\"retries\":1}").statusCode())
                .isIn(403, 404);
        assertThat(management.createJobQuery().jobId(jobId).singleResult().getRetries()).isZero();

        // The operator fixes the cause and retries, as Cockpit's "retry" does; the job runs and the case is generated.
        applications.updateProgress(application, ApplicationStatus.APPROVED, "MONTHLY_ISSUANCE", month.toString(), now);
        HttpResponse<String> retried = call("PUT", "operator", "demo", rest("/job/" + jobId + "/retries"), "{\"retries\":1}");
        assertThat(retried.statusCode()).as(retried.body()).isEqualTo(204);
        assertThat(get("operator", rest("/incident?processInstanceId=" + instance)).body()).isEqualTo("[]");
        management.executeJob(jobId);
        assertThat(batches.findItemByApplication(application).orElseThrow().status()).isEqualTo(ItemStatus.GENERATED);
    }

    @Test
    void tasklistLoadsEachTasksFormForItsCandidatesOnly() throws Exception {
        // A committee's late upload: the bureau's check step, with form_late_upload.
        long employer = organisations.findByCode("TJ-EMP-BHDZ").orElseThrow().id();
        long committee = organisations.findByCode("TJ-CMT-DZXX").orElseThrow().id();
        HttpResponse<String> late = call("POST", "committee", "demo", "/api/applications",
                "{\"path\":\"SOCIAL_REVIEW\",\"person\":{\"name\":\"表单\",\"idType\":\"RESIDENT_ID\",\"idNumber\":\""
                        + TestIdNumbers.randomResidentId() + "\",\"phone\":\"" + TestIdNumbers.randomPhone()
                        + "\"},\"title\":{\"series\":\"工程技术\",\"specialty\":\"电子信息\",\"name\":\"高级工程师\","
                        + "\"level\":\"DEPUTY_SENIOR\"},\"obtainedOn\":\"2026-09-01\",\"employerId\":" + employer
                        + ",\"reviewBodyId\":" + committee + ",\"resultsFiledOn\":\"2026-09-01\"}");
        assertThat(late.statusCode()).as(late.body()).isEqualTo(201);
        String businessKey = String.valueOf(JsonPath.<Integer>read(late.body(), "$.id"));
        HttpResponse<String> bureauTasks = get("bureau", rest("/task?taskDefinitionKey=Task_AcknowledgeLateUpload"
                + "&processInstanceBusinessKey=" + businessKey));
        List<String> ids = JsonPath.read(bureauTasks.body(), "$[*].id");
        assertThat(ids).hasSize(1);
        HttpResponse<String> form = get("bureau", rest("/task/" + ids.get(0) + "/deployed-form"));
        assertThat(form.statusCode()).isEqualTo(200);
        assertThat(form.body()).contains("\"id\": \"form_late_upload\"");
        // Operators watch and retry jobs but decide no case: not a candidate, so no form and no completion.
        HttpResponse<String> operatorSubmit = call("POST", "operator", "demo", rest("/task/" + ids.get(0) + "/submit-form"),
                "{\"variables\":{\"lateUploadNote\":{\"value\":\"已核查\"}}}");
        assertThat(operatorSubmit.statusCode()).as(operatorSubmit.body()).isIn(403, 404);
        assertThat(get("bureau", rest("/task/" + ids.get(0))).statusCode()).as("the step is still open").isEqualTo(200);
        // Nor through the product's task list.
        assertThat(get("operator", "/api/tasks").body()).doesNotContain(ids.get(0));
        assertThat(call("POST", "operator", "demo", "/api/tasks/" + ids.get(0) + "/claim", null).statusCode()).isEqualTo(404);
        assertThat(get("bureau", "/api/tasks").body()).contains(ids.get(0));
        for (String other : new String[] {"operator", "employer", "committee", "holder"}) {
            HttpResponse<String> refused = get(other, rest("/task/" + ids.get(0) + "/deployed-form"));
            assertThat(refused.statusCode()).as(other + ": " + refused.body()).isIn(403, 404);
        }
        assertThat(get("admin", rest("/task/no-such-task/deployed-form")).statusCode()).isEqualTo(404);

        // A month's batch waiting for the bureau's check: form_issuance_check, for that bureau's staff.
        IssuanceFixtures.Bureau b = fixtures.newBureau();
        YearMonth month = YearMonth.now(clock.withZone(CertificateIssuer.CHINA)).minusMonths(1);
        fixtures.approvedCases(b, month, 1, true);
        operations.runNow(b.bureau().id(), month);
        HttpResponse<String> checks = call("GET", b.staffUsername(), FIXTURE_PASSWORD,
                rest("/task?taskDefinitionKey=Task_CheckBatch"), null);
        List<String> checkIds = JsonPath.read(checks.body(), "$[*].id");
        assertThat(checkIds).as("the bureau's own check step only").hasSize(1);
        HttpResponse<String> checkForm = call("GET", b.staffUsername(), FIXTURE_PASSWORD,
                rest("/task/" + checkIds.get(0) + "/deployed-form"), null);
        assertThat(checkForm.statusCode()).isEqualTo(200);
        assertThat(checkForm.body()).contains("\"id\": \"form_issuance_check\"", "grantDate");
        assertThat(get("bureau", rest("/task/" + checkIds.get(0) + "/deployed-form")).statusCode())
                .as("another bureau").isIn(403, 404);
    }

    @Test
    void anOperatorInAnOrganisationsGroupIsTakenOutAtTheNextStart() {
        long bureau = organisations.findByCode("TJ-HRSS").orElseThrow().id();
        String group = cn.titlecert.security.OrganisationGroups.of(bureau);
        identity.createMembership("operator", group);
        bootstrap.run(null);
        assertThat(identity.createUserQuery().userId("operator").memberOfGroup(group).count()).isZero();
        assertThat(identity.createUserQuery().userId("bureau").memberOfGroup(group).count())
                .as("staff who decide stay candidates").isEqualTo(1);
    }
}
