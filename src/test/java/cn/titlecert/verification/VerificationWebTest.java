package cn.titlecert.verification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.test.web.servlet.MockMvc;

import io.micrometer.core.instrument.MeterRegistry;

import cn.titlecert.TestData;
import cn.titlecert.certificate.CertificateMapper;
import cn.titlecert.certificate.VerificationToken;
import cn.titlecert.organisation.OrganisationService;
import cn.titlecert.person.Person;
import cn.titlecert.person.PhotoMapper;
import cn.titlecert.person.PhotoService;
import cn.titlecert.person.TestPhotos;
import cn.titlecert.security.IdentityAuthenticationProvider;

/** QR verification without a login: status, masked data and frozen photo for a real token; 404 for anything else. */
@SpringBootTest
@AutoConfigureMockMvc
@ExtendWith(OutputCaptureExtension.class)
class VerificationWebTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    IssuedCertificates issued;

    @Autowired
    CertificateMapper certificates;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    TestData testData;

    @Autowired
    OrganisationService organisations;

    @Autowired
    PhotoMapper photos;

    @Autowired
    MeterRegistry meters;

    @Autowired
    IdentityAuthenticationProvider accounts;

    @Autowired
    PhotoService photoService;

    private Person personWithPhoto() {
        Person person = testData.person("韩梅", organisations.findByCode("TJ-EMP-BHDZ").orElseThrow());
        byte[] jpeg = TestPhotos.jpeg(TestPhotos.ID_BLUE);
        photos.insert(new cn.titlecert.person.Photo(null, person.id(), "image/jpeg", jpeg.length, 390, 500,
                "0".repeat(64), true, "test", Instant.now()), jpeg, new cn.titlecert.persistence.GeneratedKey());
        return person;
    }

    private double count(String outcome, String channel) {
        var counter = meters.find("titlecert.verifications").tag("outcome", outcome).tag("channel", channel).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void theQrCodesTokenShowsTheStatusAndMaskedDataToAnyone(CapturedOutput output) throws Exception {
        Person person = personWithPhoto();
        IssuedCertificates.Issued certificate = issued.issue(person.id());
        assertThat(certificate.verifyUrl()).isEqualTo("http://localhost:8080/verify/" + certificate.token());
        assertThat(VerificationToken.looksLikeToken(certificate.token())).isTrue();
        double validBefore = count("valid", "page");

        mvc.perform(get("/verify/" + certificate.token())).andExpect(status().isOk())
                .andExpect(header().string("Cache-Control", "no-store"))
                .andExpect(header().string("Referrer-Policy", "no-referrer"))
                .andExpect(content().string(containsString("有效证书")))
                .andExpect(content().string(containsString(certificate.certificate().number())))
                .andExpect(content().string(containsString("韩梅")))
                .andExpect(content().string(containsString(person.idNumberMasked())))
                .andExpect(content().string(containsString("/verify/" + certificate.token() + "/photo")));
        assertThat(count("valid", "page")).isEqualTo(validBefore + 1);

        mvc.perform(get("/api/public/verify/" + certificate.token()).header("Accept-Language", "en"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.certificate.status").value("VALID"))
                .andExpect(jsonPath("$.certificate.valid").value(true))
                .andExpect(jsonPath("$.certificate.number").value(certificate.certificate().number()))
                .andExpect(jsonPath("$.certificate.idNumber").value(person.idNumberMasked()))
                .andExpect(jsonPath("$.certificate.titleName").value("工程师"))
                .andExpect(jsonPath("$.photoUrl").value("/verify/" + certificate.token() + "/photo"))
                .andExpect(jsonPath("$.certificate.verifyTokenHash").doesNotExist())
                .andExpect(jsonPath("$.certificate.personId").doesNotExist());

        byte[] frozen = photos.findContent(certificate.certificate().photoId()).orElseThrow();
        // A later upload does not change the certificate's photo.
        photoService.store(accounts.load("employer"), person.id(),
                new cn.titlecert.person.PhotoRules.CheckedPhoto(TestPhotos.jpeg(TestPhotos.ID_RED), 390, 500,
                        cn.titlecert.person.PhotoRules.Background.RED), "test");
        byte[] served = mvc.perform(get("/verify/" + certificate.token() + "/photo")).andExpect(status().isOk())
                .andExpect(content().contentType("image/jpeg")).andReturn().getResponse().getContentAsByteArray();
        assertThat(served).isEqualTo(frozen);

        assertThat(output.getAll()).doesNotContain(certificate.token());
    }

    @Test
    void revokedAndSupersededCertificatesNeverShowAsValid() throws Exception {
        IssuedCertificates.Issued revoked = issued.issue(personWithPhoto().id());
        certificates.revoke(revoked.certificate().number(), Instant.now(), "bureau", "test");
        mvc.perform(get("/verify/" + revoked.token())).andExpect(status().isOk())
                .andExpect(content().string(containsString("此证书已作废")))
                .andExpect(content().string(not(containsString("有效证书"))));
        mvc.perform(get("/api/public/verify/" + revoked.token())).andExpect(status().isOk())
                .andExpect(jsonPath("$.certificate.status").value("REVOKED"))
                .andExpect(jsonPath("$.certificate.valid").value(false))
                .andExpect(jsonPath("$.certificate.revokedOn").exists());

        IssuedCertificates.Issued superseded = issued.issue(personWithPhoto().id());
        // In a transaction: on MySQL the pool's connections do not auto-commit.
        transactions.executeWithoutResult(s -> jdbc.update("UPDATE certificate SET status = 'SUPERSEDED' WHERE number = ?",
                superseded.certificate().number()));
        mvc.perform(get("/api/public/verify/" + superseded.token())).andExpect(status().isOk())
                .andExpect(jsonPath("$.certificate.status").value("SUPERSEDED"))
                .andExpect(jsonPath("$.certificate.valid").value(false));
        mvc.perform(get("/verify/" + superseded.token()).header("Accept-Language", "en"))
                .andExpect(content().string(containsString("replaced by a corrected one")));
    }

    @Test
    void forgedMalformedAndUnknownTokensGetAPlainNotFound(CapturedOutput output) throws Exception {
        String unknown = VerificationToken.generate().value();
        double before = count("not_found", "api");
        for (String token : new String[] {unknown, "abc", "x".repeat(2000), "' OR 1=1--", "证书<script>"}) {
            mvc.perform(get("/api/public/verify/" + token)).andExpect(status().isNotFound())
                    .andExpect(jsonPath("$.code").value("verification.not-found"))
                    .andExpect(jsonPath("$.message").value("未找到证书：二维码或链接无效。"));
            mvc.perform(get("/verify/" + token)).andExpect(status().isNotFound())
                    .andExpect(content().string(containsString("未找到证书")))
                    .andExpect(content().string(not(containsString("Exception"))));
            mvc.perform(get("/verify/" + token + "/photo")).andExpect(status().isNotFound());
        }
        assertThat(count("not_found", "api")).isEqualTo(before + 5);
        // An encoded slash is refused by the firewall before any controller: still a plain answer, no trace.
        mvc.perform(get(java.net.URI.create("/verify/..%2F..%2Fetc"))).andExpect(status().isBadRequest())
                .andExpect(content().string(not(containsString("Exception"))));
        mvc.perform(get("/api/public/verify/" + unknown).header("Accept-Language", "en"))
                .andExpect(jsonPath("$.message").value("Certificate not found: the QR code or link is not valid."));
        assertThat(output.getAll()).doesNotContain(unknown);
    }
}
