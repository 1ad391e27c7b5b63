package cn.titlecert.verification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import com.jayway.jsonpath.JsonPath;

import cn.titlecert.MutableClock;
import cn.titlecert.TestData;
import cn.titlecert.audit.AuditMapper;
import cn.titlecert.certificate.CertificateMapper;
import cn.titlecert.certificate.PdfSignatureCheck;
import cn.titlecert.organisation.OrganisationService;
import cn.titlecert.security.CurrentUser;
import cn.titlecert.security.Role;
import cn.titlecert.security.UserAccountMapper;

/**
 * Annotation (加注, R26) through the API: who may annotate, the usage scenario's rules, one copy per certificate
 * per period (the clock is moved past the expiry), the copy's own QR token verifying with the original's live
 * status, and the sealed copy checked by poppler's pdfsig.
 */
@SpringBootTest
@AutoConfigureMockMvc
class AnnotationApiTest {

    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    @TestConfiguration
    static class Clocks {
        @Bean
        @Primary
        MutableClock testClock() {
            return new MutableClock(LocalDate.of(2026, 12, 1).atTime(10, 0).atZone(CHINA).toInstant(), CHINA);
        }
    }

    @Autowired MockMvc mvc;
    @Autowired MutableClock clock;
    @Autowired IssuedCertificates issued;
    @Autowired UserAccountMapper accounts;
    @Autowired CertificateMapper certificates;
    @Autowired AnnotationMapper annotations;
    @Autowired AuditMapper audit;
    @Autowired TestData testData;
    @Autowired OrganisationService organisations;

    private IssuedCertificates.Issued fresh() {
        return issued.issue(accounts.findByUsername("holder").orElseThrow().personId());
    }

    private ResultActions annotate(String number, String body, RequestPostProcessor who) throws Exception {
        return mvc.perform(post("/api/certificates/" + number + "/annotations").with(who)
                .contentType(MediaType.APPLICATION_JSON).content(body));
    }

    private static String scenario(String text) {
        return "{\"scenario\":\"" + text + "\"}";
    }

    private static RequestPostProcessor holder() {
        return httpBasic("holder", "demo");
    }

    private long annotationsOf(String number) {
        return annotations.findByCertificate(certificates.findByNumber(number).orElseThrow().id()).size();
    }

    /** The link in the annotated copy's QR code, read from the rendered PDF as a phone would. */
    private static String token(byte[] pdf) throws Exception {
        String text;
        try {
            text = IssuedCertificates.qrText(pdf);
        } catch (AssertionError unreadable) {
            Files.createDirectories(Path.of("target"));
            Files.write(Path.of("target", "unreadable-qr-" + System.nanoTime() + ".pdf"), pdf);
            throw unreadable;
        }
        String path = URI.create(text).getPath();
        assertThat(path).startsWith("/verify/");
        return path.substring("/verify/".length());
    }

    @Test
    void theHolderGetsASealedCopyWithItsOwnQrCodeThatShowsScenarioAndExpiry() throws Exception {
        IssuedCertificates.Issued c = fresh();
        String number = c.certificate().number();
        String expires = LocalDate.now(clock).plusDays(90).toString();
        byte[] pdf = annotate(number, scenario("本人调用"), holder()).andExpect(status().isCreated())
                .andExpect(header().string("Content-Type", "application/pdf"))
                .andExpect(header().string("X-Annotation-Expires-On", expires))
                .andExpect(header().exists("Location"))
                .andReturn().getResponse().getContentAsByteArray();
        assertThat(new String(pdf, 0, 5)).isEqualTo("%PDF-");

        String token = token(pdf);
        assertThat(token).isNotEqualTo(c.token()).hasSize(43);
        assertThat(annotations.findByTokenHash(cn.titlecert.certificate.VerificationToken.hash(token))).isPresent();
        mvc.perform(get("/api/public/verify/" + token)).andExpect(status().isOk())
                .andExpect(jsonPath("$.certificate.number").value(number))
                .andExpect(jsonPath("$.certificate.status").value("VALID"))
                .andExpect(jsonPath("$.certificate.valid").value(true))
                .andExpect(jsonPath("$.certificate.idNumber").value("1201**********0014"))
                .andExpect(jsonPath("$.certificate.annotation.scenario").value("本人调用"))
                .andExpect(jsonPath("$.certificate.annotation.expiresOn").value(expires))
                .andExpect(jsonPath("$.photoUrl").value("/verify/" + token + "/photo"));
        mvc.perform(get("/verify/" + token + "/photo")).andExpect(status().isOk());
        // The original's own QR code still verifies as the original, without an annotation.
        mvc.perform(get("/api/public/verify/" + c.token())).andExpect(status().isOk())
                .andExpect(jsonPath("$.certificate.annotation").doesNotExist());
        String page = mvc.perform(get("/verify/" + token).header("Accept-Language", "zh-CN")).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(page).contains("本人调用", expires, "有效证书").doesNotContain("120101198805120014");

        // Signed over the whole file by the authority's seal, checked by our check and by poppler's pdfsig.
        Path file = Files.createTempFile("annotated", ".pdf");
        Files.write(file, pdf);
        if (Files.isExecutable(Path.of("/usr/bin/pdfsig"))) {
            Process pdfsig = new ProcessBuilder("pdfsig", file.toString()).redirectErrorStream(true).start();
            String out = new String(pdfsig.getInputStream().readAllBytes());
            pdfsig.waitFor();
            assertThat(out).contains("Signature Type: ETSI.CAdES.detached").contains("Total document signed")
                    .contains("Signature is Valid.");
        } else if (Boolean.getBoolean("browser.tests.required")) {
            throw new AssertionError("pdfsig (poppler-utils) is needed");
        }
        Files.deleteIfExists(file);

        // Listed, downloaded again byte for byte, audited.
        String list = mvc.perform(get("/api/certificates/" + number + "/annotations").with(holder()))
                .andExpect(status().isOk()).andExpect(jsonPath("$[0].scenario").value("本人调用"))
                .andExpect(jsonPath("$[0].expired").value(false)).andReturn().getResponse().getContentAsString();
        String url = JsonPath.read(list, "$[0].pdfUrl");
        byte[] again = mvc.perform(get(url).with(holder())).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsByteArray();
        assertThat(PdfSignatureCheck.sha256(again)).isEqualTo(PdfSignatureCheck.sha256(pdf));
        assertThat(audit.findByEntity("certificate", number)).anyMatch(e -> e.action().equals("CERTIFICATE_ANNOTATED")
                && e.actor().equals("holder") && "本人调用".equals(e.reason()));
    }

    @Test
    void aSecondAnnotationWithinThePeriodIsRefusedUntilTheFirstHasExpired() throws Exception {
        String number = fresh().certificate().number();
        byte[] first = annotate(number, scenario("求职应聘"), holder()).andExpect(status().isCreated())
                .andReturn().getResponse().getContentAsByteArray();
        String token = token(first);

        annotate(number, scenario("职称评审"), holder()).andExpect(status().isConflict())
                .andExpect(jsonPath("$.code").value("annotation.limit-reached"))
                .andExpect(jsonPath("$.message").value(org.hamcrest.Matchers.containsString("90 天内只能加注 1 次")));
        mvc.perform(post("/api/certificates/" + number + "/annotations").with(holder()).header("Accept-Language", "en")
                .contentType(MediaType.APPLICATION_JSON).content(scenario("职称评审")))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.message").value(org.hamcrest.Matchers.containsString("within 90 days")));
        assertThat(annotationsOf(number)).as("nothing written").isEqualTo(1);

        // The file itself, uploaded to verify-pdf, is recognised as this annotated copy.
        mvc.perform(multipart("/api/public/verify-pdf").file(new MockMultipartFile("file", "copy.pdf", "application/pdf", first)))
                .andExpect(status().isOk()).andExpect(jsonPath("$.status").value("VALID"))
                .andExpect(jsonPath("$.number").value(number))
                .andExpect(jsonPath("$.annotation.scenario").value("求职应聘"));

        // On its last day the copy is still in force and no second one is allowed.
        clock.advance(Duration.ofDays(90));
        mvc.perform(get("/api/public/verify/" + token)).andExpect(jsonPath("$.certificate.status").value("VALID"));
        annotate(number, scenario("职称评审"), holder()).andExpect(status().isConflict());

        // The day after, it has expired, and a new annotation is allowed.
        clock.advance(Duration.ofDays(1));
        mvc.perform(get("/api/public/verify/" + token)).andExpect(status().isOk())
                .andExpect(jsonPath("$.certificate.status").value("EXPIRED"))
                .andExpect(jsonPath("$.certificate.valid").value(false));
        assertThat(mvc.perform(get("/verify/" + token)).andReturn().getResponse().getContentAsString())
                .contains("加注已过期");
        mvc.perform(multipart("/api/public/verify-pdf").file(new MockMultipartFile("file", "copy.pdf", "application/pdf", first)))
                .andExpect(status().isOk()).andExpect(jsonPath("$.status").value("EXPIRED"))
                .andExpect(jsonPath("$.valid").value(false));
        mvc.perform(get("/api/certificates/" + number + "/annotations").with(holder()))
                .andExpect(jsonPath("$[0].expired").value(true));
        annotate(number, scenario("职称评审"), holder()).andExpect(status().isCreated());
        assertThat(annotationsOf(number)).isEqualTo(2);
    }

    @Test
    void aRevokedOriginalMakesItsAnnotatedCopyVerifyAsRevokedAndCannotBeAnnotated() throws Exception {
        String number = fresh().certificate().number();
        String token = token(annotate(number, scenario("本人调用"), holder()).andExpect(status().isCreated())
                .andReturn().getResponse().getContentAsByteArray());
        assertThat(certificates.revoke(number, Instant.now(), "bureau", "测试作废")).isEqualTo(1);
        mvc.perform(get("/api/public/verify/" + token)).andExpect(jsonPath("$.certificate.status").value("REVOKED"))
                .andExpect(jsonPath("$.certificate.valid").value(false));
        assertThat(mvc.perform(get("/verify/" + token)).andReturn().getResponse().getContentAsString())
                .contains("本人调用");

        String other = fresh().certificate().number();
        certificates.revoke(other, Instant.now(), "bureau", "测试作废");
        annotate(other, scenario("本人调用"), holder()).andExpect(status().isConflict())
                .andExpect(jsonPath("$.code").value("annotation.certificate-not-valid"));
        assertThat(annotationsOf(other)).isZero();
    }

    @Test
    void onlyTheHolderAnnotatesAndOnlyTheirOwnReleasedCertificate() throws Exception {
        String number = fresh().certificate().number();
        annotate(number, scenario("本人调用"), httpBasic("employer", "demo")).andExpect(status().isForbidden())
                .andExpect(jsonPath("$.code").value("annotation.holder-only"));
        annotate(number, scenario("本人调用"), httpBasic("bureau", "demo")).andExpect(status().isForbidden());
        mvc.perform(post("/api/certificates/" + number + "/annotations").contentType(MediaType.APPLICATION_JSON)
                .content(scenario("本人调用"))).andExpect(status().isUnauthorized());

        // Another holder: the certificate does not exist for them.
        var stranger = testData.person("李四", null);
        CurrentUser otherHolder = new CurrentUser("other-holder", "李四", Set.of(Role.HOLDER), null, null, stranger.id());
        RequestPostProcessor asOther = authentication(new UsernamePasswordAuthenticationToken(otherHolder, null,
                List.of(new SimpleGrantedAuthority("ROLE_HOLDER"))));
        annotate(number, scenario("本人调用"), asOther).andExpect(status().isNotFound())
                .andExpect(jsonPath("$.code").value("certificate.not-found"));
        mvc.perform(get("/api/certificates/" + number + "/annotations").with(asOther)).andExpect(status().isNotFound());
        annotate("NOPE", scenario("本人调用"), holder()).andExpect(status().isNotFound());
        assertThat(annotationsOf(number)).isZero();

        // Made by the holder, the copy is downloaded again by the holder only.
        annotate(number, scenario("本人调用"), holder()).andExpect(status().isCreated());
        long id = annotations.findByCertificate(certificates.findByNumber(number).orElseThrow().id()).get(0).id();
        String url = "/api/certificates/" + number + "/annotations/" + id + "/pdf";
        mvc.perform(get(url).with(asOther)).andExpect(status().isNotFound());
        // The holder's employer sees that copies were made (not the files); staff outside the scope see nothing.
        mvc.perform(get("/api/certificates/" + number + "/annotations").with(httpBasic("employer", "demo")))
                .andExpect(status().isOk()).andExpect(jsonPath("$[0].scenario").value("本人调用"));
        mvc.perform(get("/api/certificates/" + number + "/annotations").with(httpBasic("exam", "demo")))
                .andExpect(status().isNotFound());
        mvc.perform(get(url).with(httpBasic("employer", "demo"))).andExpect(status().isForbidden());
        mvc.perform(get(url)).andExpect(status().isUnauthorized());
        String otherNumber = fresh().certificate().number();
        mvc.perform(get("/api/certificates/" + otherNumber + "/annotations/" + id + "/pdf").with(holder()))
                .andExpect(status().isNotFound()).andExpect(jsonPath("$.code").value("annotation.not-found"));

        // Not yet released (R7): no annotation before the holder may download it.
        long person = accounts.findByUsername("holder").orElseThrow().personId();
        String pending = issued.issue(person, LocalDate.now(clock).plusMonths(1)).certificate().number();
        annotate(pending, scenario("本人调用"), holder()).andExpect(status().isForbidden())
                .andExpect(jsonPath("$.code").value("certificate.not-released"));
        assertThat(annotationsOf(pending)).isZero();
    }

    private org.springframework.mock.web.MockHttpSession login(String username) throws Exception {
        var session = new org.springframework.mock.web.MockHttpSession();
        mvc.perform(post("/login").session(session).param("username", username).param("password", "demo").with(csrf()))
                .andExpect(redirectedUrl("/"));
        return session;
    }

    @Test
    void theHolderAnnotatesOnTheCertificatesPageAndDownloadsTheCopyAgain() throws Exception {
        String number = fresh().certificate().number();
        var session = login("holder");
        String page = mvc.perform(get("/certificates").session(session)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(page).contains("id=\"annotate-" + number + "\"", "同一证书 90 天内可加注 1 次");

        mvc.perform(post("/certificates/" + number + "/annotations").session(session).param("scenario", "本人调用"))
                .andExpect(status().isForbidden());
        assertThat(annotationsOf(number)).as("no CSRF token, nothing written").isZero();

        mvc.perform(post("/certificates/" + number + "/annotations").session(session).with(csrf())
                .param("scenario", "求职应聘")).andExpect(redirectedUrl("/certificates"))
                .andExpect(flash().attribute("message", org.hamcrest.Matchers.startsWith("已生成加注证书，有效期至")));
        long id = annotations.findByCertificate(certificates.findByNumber(number).orElseThrow().id()).get(0).id();
        page = mvc.perform(get("/certificates").session(session)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(page).contains("id=\"annotation-" + id + "\"", "求职应聘",
                "/api/certificates/" + number + "/annotations/" + id + "/pdf");
        mvc.perform(get("/api/certificates/" + number + "/annotations/" + id + "/pdf").session(session))
                .andExpect(status().isOk()).andExpect(header().string("Content-Type", "application/pdf"));

        mvc.perform(post("/certificates/" + number + "/annotations").session(session).with(csrf())
                .param("scenario", "职称评审")).andExpect(redirectedUrl("/certificates"))
                .andExpect(flash().attribute("error", org.hamcrest.Matchers.containsString("90 天内只能加注 1 次")));
        mvc.perform(post("/certificates/" + number + "/annotations").session(login("employer")).with(csrf())
                .param("scenario", "职称评审")).andExpect(redirectedUrl("/certificates"))
                .andExpect(flash().attribute("error", "只有持证人本人可以为自己的证书加注。"));
        assertThat(annotationsOf(number)).isEqualTo(1);
        assertThat(mvc.perform(get("/certificates").session(login("employer"))).andReturn().getResponse()
                .getContentAsString()).doesNotContain("id=\"annotations\"");
    }

    @Test
    void theScenarioIsRequiredShortAndPrintable() throws Exception {
        String number = fresh().certificate().number();
        annotate(number, scenario("  "), holder()).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("annotation.scenario-required"))
                .andExpect(jsonPath("$.message").value("请填写使用场景（用途）。"));
        annotate(number, "{}", holder()).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("annotation.scenario-required"));
        annotate(number, scenario("一".repeat(31)), holder()).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("annotation.scenario-too-long"))
                .andExpect(jsonPath("$.message").value("使用场景最多 30 个字。"));
        annotate(number, scenario("本人\\u0007调用"), holder()).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("annotation.scenario-invalid"));
        annotate(number, "not json", holder()).andExpect(status().isBadRequest());
        assertThat(annotationsOf(number)).isZero();
        annotate(number, scenario("一".repeat(30)), holder()).andExpect(status().isCreated());
    }
}
