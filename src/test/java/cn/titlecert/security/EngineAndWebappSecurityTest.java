package cn.titlecert.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The engine REST API and the Camunda webapps, over real HTTP (they are not Spring MVC, so MockMvc
 * cannot reach them): login required, engine authorizations applied, one login for product and webapps.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class EngineAndWebappSecurityTest {

    @LocalServerPort
    int port;

    /** Tests give each engine a unique name, so address it by name as a second engine would be. */
    @Autowired
    ProcessEngine engine;

    private String rest(String path) {
        return "/engine-rest/engine/" + engine.getName() + path;
    }

    private final HttpClient anonymous = HttpClient.newHttpClient();

    private HttpResponse<String> get(HttpClient client, String path, String basicUser) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        if (basicUser != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((basicUser + ":demo").getBytes(StandardCharsets.UTF_8)));
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theEngineRestApiRefusesAnonymousCalls() throws Exception {
        for (String path : new String[] {"/engine-rest/process-definition", "/engine-rest/user", "/engine-rest/task",
                "/engine-rest/deployment", "/engine-rest/engine", rest("/user")}) {
            HttpResponse<String> response = get(anonymous, path, null);
            assertThat(response.statusCode()).as(path).isEqualTo(401);
            assertThat(response.body()).contains("\"code\":\"unauthenticated\"");
        }
    }

    @Test
    void refusalsFromTheSecurityFiltersSpeakTheCallersLanguage() throws Exception {
        HttpResponse<String> english = anonymous.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/me"))
                .header("Accept-Language", "en").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(english.statusCode()).isEqualTo(401);
        assertThat(english.body()).contains("\"code\":\"unauthenticated\"", "Please sign in first.");
        HttpResponse<String> chinese = get(anonymous, "/api/me", null);
        assertThat(chinese.body()).contains("请先登录。");
        HttpResponse<String> holder = anonymous.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                + rest("/task"))).header("Accept-Language", "en").header("Authorization", "Basic "
                + Base64.getEncoder().encodeToString("holder:demo".getBytes(StandardCharsets.UTF_8))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(holder.statusCode()).isEqualTo(403);
        assertThat(holder.body()).contains("\"code\":\"forbidden\"", "You may not do this");
    }

    @Test
    void engineAuthorizationsApplyToTheCaller() throws Exception {
        HttpResponse<String> admin = get(anonymous, rest("/user"), "admin");
        assertThat(admin.statusCode()).isEqualTo(200);
        assertThat(admin.body()).contains("\"id\":\"bureau\"", "\"id\":\"holder\"");

        HttpResponse<String> employer = get(anonymous, rest("/user"), "employer");
        assertThat(employer.statusCode()).isEqualTo(200);
        assertThat(employer.body()).contains("\"id\":\"employer\"").doesNotContain("\"id\":\"bureau\"");

        HttpResponse<String> employerCheck = get(anonymous,
                rest("/authorization/check?permissionName=CREATE&resourceName=deployment&resourceType=9"), "employer");
        assertThat(employerCheck.body()).contains("\"authorized\":false");

        // Holders work in the product's pages and API only: the engine and the webapps are for staff.
        HttpResponse<String> holder = get(anonymous, rest("/user"), "holder");
        assertThat(holder.statusCode()).isEqualTo(403);
        assertThat(holder.body()).contains("\"code\":\"forbidden\"");
        assertThat(get(anonymous, "/engine-rest/task", "holder").statusCode()).isEqualTo(403);
        HttpResponse<String> adminCheck = get(anonymous,
                rest("/authorization/check?permissionName=CREATE&resourceName=deployment&resourceType=9"), "admin");
        assertThat(adminCheck.body()).contains("\"authorized\":true");
    }

    @Test
    void aHolderCannotDeployModels() throws Exception {
        String boundary = "----titlecert";
        String bpmn = "<?xml version=\"1.0\"?><definitions xmlns=\"http://www.omg.org/spec/BPMN/20100524/MODEL\" "
                + "xmlns:camunda=\"http://camunda.org/schema/1.0/bpmn\" targetNamespace=\"t\">"
                + "<process id=\"Process_Sneaky\" isExecutable=\"true\" camunda:historyTimeToLive=\"1\">"
                + "<startEvent id=\"s\"/></process></definitions>";
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"deployment-name\"\r\n\r\nsneaky\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"data\"; filename=\"x.bpmn\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n" + bpmn + "\r\n--" + boundary + "--\r\n";
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + rest("/deployment/create")))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("holder:demo".getBytes()))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<String> response = anonymous.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(get(anonymous, rest("/process-definition?key=Process_Sneaky"), "admin").body()).isEqualTo("[]");
    }

    @Test
    void theWebappsUseTheProductsLogin() throws Exception {
        HttpResponse<String> anonymousCockpit = get(anonymous, "/camunda/app/cockpit/default/", null);
        assertThat(anonymousCockpit.statusCode()).isEqualTo(302);
        assertThat(anonymousCockpit.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login"));

        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        String loginPage = get(browser, "/login", null).body();
        Matcher token = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(loginPage);
        assertThat(token.find()).isTrue();
        String form = "username=operator&password=demo&_csrf=" + URLEncoder.encode(token.group(1), StandardCharsets.UTF_8);
        HttpResponse<String> login = browser.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(login.statusCode()).isEqualTo(302);

        assertThat(get(browser, "/camunda/app/cockpit/" + engine.getName() + "/", null).statusCode()).isEqualTo(200);
        HttpResponse<String> webappUser = get(browser, "/camunda/api/admin/auth/user/" + engine.getName(), null);
        assertThat(webappUser.body()).contains("\"userId\":\"operator\"").contains("cockpit").doesNotContain("\"admin\"");
    }

    @Test
    void tasklistLoadsTheReviewFormAndTheDecisionRulesHoldThere() throws Exception {
        HttpResponse<String> employerTasks = get(anonymous, rest("/task?taskDefinitionKey=Task_ReviewByEmployer"), "employer");
        assertThat(employerTasks.statusCode()).isEqualTo(200);
        Matcher id = Pattern.compile("\"id\":\"([^\"]+)\"").matcher(employerTasks.body());
        assertThat(id.find()).as("the demo holder's application waits at the employer").isTrue();
        String taskId = id.group(1);

        HttpResponse<String> form = get(anonymous, rest("/task/" + taskId + "/deployed-form"), "employer");
        assertThat(form.statusCode()).isEqualTo(200);
        assertThat(form.body()).contains("\"id\": \"form_review\"", "decisionReason");
        // Another organisation's staff cannot see the task at all (engine authorization).
        assertThat(get(anonymous, rest("/task/" + taskId), "supervisor").statusCode()).isEqualTo(404);

        HttpRequest submit = HttpRequest.newBuilder(URI.create("http://localhost:" + port + rest("/task/" + taskId + "/submit-form")))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("employer:demo".getBytes()))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"variables\":{\"decision\":{\"value\":\"REJECT\"}}}")).build();
        HttpResponse<String> refused = anonymous.send(submit, HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("必须填写理由");
        assertThat(get(anonymous, rest("/task/" + taskId), "employer").statusCode()).as("the task is still open").isEqualTo(200);
    }
}
