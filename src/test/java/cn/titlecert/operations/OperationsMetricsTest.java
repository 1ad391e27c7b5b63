package cn.titlecert.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.matchesPattern;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import cn.titlecert.TestIdNumbers;
import cn.titlecert.organisation.OrganisationService;
import cn.titlecert.security.UserAccountMapper;
import cn.titlecert.verification.IssuedCertificates;

/**
 * Prometheus metrics, health and the request id as an operator meets them: who may scrape, the counters moving
 * when a certificate is generated and verified, the gauges present, and no personal data in the log.
 */
@SpringBootTest
@AutoConfigureMockMvc
// Spring Boot's tests switch metrics export off unless asked: this test reads what Prometheus would.
@AutoConfigureObservability(tracing = false)
@ExtendWith(OutputCaptureExtension.class)
class OperationsMetricsTest {

    @Autowired MockMvc mvc;
    @Autowired IssuedCertificates issued;
    @Autowired UserAccountMapper accounts;
    @Autowired OrganisationService organisations;

    private String scrape() throws Exception {
        return mvc.perform(get("/actuator/prometheus").with(httpBasic("operator", "demo")))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Type", org.hamcrest.Matchers.startsWith("text/plain")))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
    }

    /** The sum of every series of a metric whose labels contain all the given {@code name="value"} pairs. */
    private static double value(String scrape, String metric, String... labels) {
        double sum = 0;
        Matcher line = Pattern.compile("(?m)^" + Pattern.quote(metric) + "\\{([^}]*)\\} (\\S+)$").matcher(scrape);
        while (line.find()) {
            boolean all = true;
            for (String label : labels) {
                all &= line.group(1).contains(label);
            }
            if (all) {
                sum += Double.parseDouble(line.group(2));
            }
        }
        return sum;
    }

    @Test
    void onlyOperatorsAndAdministratorsScrape() throws Exception {
        mvc.perform(get("/actuator/prometheus")).andExpect(status().isUnauthorized());
        for (String other : new String[] {"holder", "bureau", "employer"}) {
            mvc.perform(get("/actuator/prometheus").with(httpBasic(other, "demo"))).andExpect(status().isForbidden());
        }
        mvc.perform(get("/actuator/prometheus").with(httpBasic("admin", "demo"))).andExpect(status().isOk());
        String scrape = scrape();
        assertThat(scrape).contains("titlecert_review_backlog{", "tier=\"employer\"", "titlecert_issuance_queue{",
                "status=\"waiting_for_photo\"", "titlecert_incidents_open{", "titlecert_jobs{", "state=\"failed\"",
                "camunda_jobs_reported_total{", "metric=\"job-successful\"", "hikaricp_connections_active{",
                "application=\"titlecert\"");
        // The demo holder's self appointment waits at the employer.
        assertThat(value(scrape, "titlecert_review_backlog", "tier=\"employer\"")).isGreaterThanOrEqualTo(1);
    }

    @Test
    void countersMoveWhenACertificateIsGeneratedAndVerified(CapturedOutput output) throws Exception {
        String before = scrape();
        long personId = accounts.findByUsername("holder").orElseThrow().personId();
        IssuedCertificates.Issued certificate = issued.issue(personId);
        mvc.perform(get("/api/public/verify/" + certificate.token())).andExpect(status().isOk());
        mvc.perform(get("/api/public/verify/" + certificate.token())).andExpect(status().isOk());
        mvc.perform(get("/api/public/verify/not-a-token-at-all")).andExpect(status().isNotFound());
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart("/api/public/verify-pdf")
                .file(new org.springframework.mock.web.MockMultipartFile("file", "x.pdf", "application/pdf",
                        "not a pdf".getBytes(StandardCharsets.UTF_8))))
                .andExpect(status().isBadRequest());
        String after = scrape();
        assertThat(value(after, "titlecert_verifications_total", "outcome=\"not_a_pdf\"", "channel=\"pdf\"")
                - value(before, "titlecert_verifications_total", "outcome=\"not_a_pdf\"", "channel=\"pdf\"")).isEqualTo(1.0);

        assertThat(value(after, "titlecert_certificates_generated_total", "level=\"intermediate\"")
                - value(before, "titlecert_certificates_generated_total", "level=\"intermediate\"")).isEqualTo(1.0);
        assertThat(value(after, "titlecert_verifications_total", "outcome=\"valid\"", "channel=\"api\"")
                - value(before, "titlecert_verifications_total", "outcome=\"valid\"", "channel=\"api\"")).isEqualTo(2.0);
        assertThat(value(after, "titlecert_verifications_total", "outcome=\"not_found\"", "channel=\"api\"")
                - value(before, "titlecert_verifications_total", "outcome=\"not_found\"", "channel=\"api\"")).isEqualTo(1.0);
        // The token, a secret of the certificate's holder, never reaches the log.
        assertThat(output.getAll()).doesNotContain(certificate.token());
    }

    @Test
    void healthIsOpenWithoutDetailsAndDetailedForOperators() throws Exception {
        mvc.perform(get("/actuator/health")).andExpect(status().isOk()).andExpect(jsonPath("$.status").value("UP"))
                .andExpect(jsonPath("$.components").doesNotExist());
        mvc.perform(get("/actuator/health/readiness")).andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("UP")).andExpect(jsonPath("$.components").doesNotExist());
        mvc.perform(get("/actuator/health/readiness").with(httpBasic("operator", "demo"))).andExpect(status().isOk())
                .andExpect(jsonPath("$.components.db.status").value("UP"))
                .andExpect(jsonPath("$.components.engine.status").value("UP"))
                // The test suite runs jobs by hand: the job executor is switched off on purpose.
                .andExpect(jsonPath("$.components.engine.details.jobExecutor").value("disabled"))
                .andExpect(jsonPath("$.components.readinessState.status").value("UP"));
        mvc.perform(get("/actuator/health/liveness")).andExpect(status().isOk()).andExpect(jsonPath("$.status").value("UP"));
    }

    @Test
    void everyResponseCarriesARequestIdAndAWellFormedOneIsKept() throws Exception {
        mvc.perform(get("/api/public/verify/unknown")).andExpect(header().string("X-Request-Id", matchesPattern("[0-9a-f]{24}")));
        mvc.perform(get("/api/me")).andExpect(status().isUnauthorized())
                .andExpect(header().string("X-Request-Id", matchesPattern("[0-9a-f]{24}")));
        mvc.perform(get("/login").header("X-Request-Id", "proxy-7f3a9c21.001")).andExpect(status().isOk())
                .andExpect(header().string("X-Request-Id", "proxy-7f3a9c21.001"));
        for (String bad : new String[] {"short", "has space inside it", "evil\u00e9injected-line", "x".repeat(65)}) {
            mvc.perform(get("/login").header("X-Request-Id", bad))
                    .andExpect(header().string("X-Request-Id", matchesPattern("[0-9a-f]{24}")));
        }
    }

    @Test
    void personalDataIsNotLogged(CapturedOutput output) throws Exception {
        String idNumber = TestIdNumbers.randomResidentId();
        String phone = TestIdNumbers.randomPhone();
        long employer = organisations.findByCode("TJ-EMP-BHDZ").orElseThrow().id();
        mvc.perform(post("/api/applications").with(httpBasic("employer", "demo")).contentType(MediaType.APPLICATION_JSON)
                .content("{\"path\":\"SELF_APPOINTMENT\",\"person\":{\"name\":\"日志检查\",\"idType\":\"RESIDENT_ID\","
                        + "\"idNumber\":\"" + idNumber + "\",\"phone\":\"" + phone + "\"},\"title\":{\"series\":\"工程技术\","
                        + "\"specialty\":\"电子信息\",\"name\":\"工程师\",\"level\":\"INTERMEDIATE\"},\"obtainedOn\":\"2026-09-01\","
                        + "\"employerId\":" + employer + "}"))
                .andExpect(status().isCreated());
        // A refused one too: the error path must not log the number either.
        mvc.perform(post("/api/applications").with(httpBasic("employer", "demo")).contentType(MediaType.APPLICATION_JSON)
                .content("{\"path\":\"SELF_APPOINTMENT\",\"person\":{\"name\":\"日志检查\",\"idType\":\"RESIDENT_ID\","
                        + "\"idNumber\":\"" + TestIdNumbers.withWrongCheckDigit(idNumber) + "\",\"phone\":\"" + phone
                        + "\"},\"title\":{\"series\":\"工程技术\",\"name\":\"工程师\",\"level\":\"INTERMEDIATE\"},"
                        + "\"obtainedOn\":\"2026-09-01\",\"employerId\":" + employer + "}"))
                .andExpect(status().isBadRequest());
        mvc.perform(post("/api/public/query").contentType(MediaType.APPLICATION_JSON)
                .content("{\"name\":\"日志检查\",\"idNumber\":\"" + idNumber + "\"}")).andExpect(status().isOk());
        // A certificate number of its own: checks per certificate are limited, also across runs on a kept database.
        String number = "B2026" + String.format("%012d", ThreadLocalRandom.current().nextLong(1_000_000_000_000L));
        mvc.perform(post("/api/public/third-party-checks").contentType(MediaType.APPLICATION_JSON)
                .content("{\"idNumber\":\"" + idNumber + "\",\"certificateNumber\":\"" + number + "\",\"phone\":\""
                        + phone + "\"}")).andExpect(status().isAccepted());
        assertThat(output.getAll()).doesNotContain(idNumber).doesNotContain(TestIdNumbers.withWrongCheckDigit(idNumber))
                .doesNotContain(phone);
    }
}
