package cn.titlecert.certificate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;

import com.jayway.jsonpath.JsonPath;

import cn.titlecert.application.AcquisitionPath;
import cn.titlecert.application.ReviewType;
import cn.titlecert.organisation.Organisation;
import cn.titlecert.organisation.OrganisationService;
import cn.titlecert.person.Photo;
import cn.titlecert.person.PhotoMapper;
import cn.titlecert.security.UserAccountMapper;

/** The demo holder's certificates through the API: who sees what, the PDF, and public verification of it. */
@SpringBootTest
@AutoConfigureMockMvc
class CertificateApiTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    CertificateMapper certificates;

    @Autowired
    CertificateIssuer issuer;

    @Autowired
    cn.titlecert.privacy.PersonalDataCipher cipher;

    @Autowired
    UserAccountMapper accounts;

    @Autowired
    OrganisationService organisations;

    @Autowired
    PhotoMapper photos;

    @Autowired
    cn.titlecert.TestData data;

    private long holderPersonId() {
        return accounts.findByUsername("holder").orElseThrow().personId();
    }

    private String firstNumber() throws Exception {
        String body = mvc.perform(get("/api/certificates").with(httpBasic("holder", "demo"))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        List<String> numbers = JsonPath.parse(body).read("$[*].number");
        assertThat(numbers).as("the demo holder has at least two certificates").hasSizeGreaterThanOrEqualTo(2);
        return numbers.get(0);
    }

    @Test
    void holderAndStaffInScopeSeeTheCertificateOthersGet404() throws Exception {
        String number = firstNumber();
        mvc.perform(get("/api/certificates/" + number).with(httpBasic("holder", "demo"))).andExpect(status().isOk())
                .andExpect(jsonPath("$.holderName").value("张三")).andExpect(jsonPath("$.status").value("VALID"))
                .andExpect(jsonPath("$.verifyTokenHash").doesNotExist());
        mvc.perform(get("/api/certificates/" + number).with(httpBasic("employer", "demo"))).andExpect(status().isOk());
        mvc.perform(get("/api/certificates/" + number).with(httpBasic("bureau", "demo"))).andExpect(status().isOk());
        mvc.perform(get("/api/certificates/" + number).with(httpBasic("exam", "demo"))).andExpect(status().isNotFound())
                .andExpect(jsonPath("$.code").value("certificate.not-found"));
        mvc.perform(get("/api/certificates/" + number + "/pdf").with(httpBasic("exam", "demo")))
                .andExpect(status().isNotFound());
        mvc.perform(get("/api/certificates/" + number)).andExpect(status().isUnauthorized());
        mvc.perform(get("/api/certificates/NOPE").with(httpBasic("bureau", "demo")).header("Accept-Language", "en"))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.message").value("Certificate not found, or outside your scope."));
        String examList = mvc.perform(get("/api/certificates").with(httpBasic("exam", "demo")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(examList).doesNotContain(number);
    }

    @Test
    void theDownloadedPdfVerifiesAndATamperedCopyDoesNot() throws Exception {
        String number = firstNumber();
        byte[] pdf = mvc.perform(get("/api/certificates/" + number + "/pdf").with(httpBasic("holder", "demo")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
        assertThat(new String(pdf, 0, 5)).isEqualTo("%PDF-");

        mvc.perform(multipart("/api/public/verify-pdf").file(new MockMultipartFile("file", "c.pdf", "application/pdf", pdf)))
                .andExpect(status().isOk()).andExpect(jsonPath("$.valid").value(true))
                .andExpect(jsonPath("$.status").value("VALID")).andExpect(jsonPath("$.number").value(number));

        byte[] tampered = pdf.clone();
        tampered[tampered.length / 4] ^= 0x01;
        mvc.perform(multipart("/api/public/verify-pdf").file(new MockMultipartFile("file", "c.pdf", "application/pdf", tampered)))
                .andExpect(status().isUnprocessableEntity())
                .andExpect(jsonPath("$.code").value("verification.signature-invalid"));

        mvc.perform(multipart("/api/public/verify-pdf").file(new MockMultipartFile("file", "x.pdf", "application/pdf",
                "hello".getBytes()))).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("verification.not-a-pdf"));
        mvc.perform(multipart("/api/public/verify-pdf").header("Accept-Language", "en")).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("verification.file-required"))
                .andExpect(jsonPath("$.message").value("Please upload a PDF file."));
    }

    @Test
    void theIssuingBureauListsTheCertificatesOfHoldersEmployedNowhere() throws Exception {
        cn.titlecert.person.Person freelance = data.person("吴十", null);
        byte[] jpeg = cn.titlecert.person.TestPhotos.jpeg(cn.titlecert.person.TestPhotos.ID_BLUE);
        photos.insert(new cn.titlecert.person.Photo(null, freelance.id(), "image/jpeg", jpeg.length, 390, 500,
                "0".repeat(64), true, "test", java.time.Instant.now()), jpeg, new cn.titlecert.persistence.GeneratedKey());
        long bureau = organisations.findByCode("TJ-HRSS").orElseThrow().id();
        String number = issuer.issue(new CertificateRequest("test:freelance:" + System.nanoTime(), null, freelance.id(),
                AcquisitionPath.SOCIAL_REVIEW, ReviewType.SOCIAL, "经济", "人力资源管理", "经济师", TitleLevel.INTERMEDIATE,
                LocalDate.of(2026, 10, 20), null, null, null, null, "天津市人力资源和社会保障局", "津人社职〔2026〕7号",
                LocalDate.of(2026, 10, 30), bureau, LocalDate.of(2020, 1, 1)), "bureau").certificate().number();

        // The bureau that issued it sees it in its list as it does by number; an employer does in neither.
        String bureauList = mvc.perform(get("/api/certificates").with(httpBasic("bureau", "demo")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(JsonPath.parse(bureauList).<List<String>>read("$[*].number")).contains(number);
        mvc.perform(get("/api/certificates/" + number).with(httpBasic("bureau", "demo"))).andExpect(status().isOk());
        String employerList = mvc.perform(get("/api/certificates").with(httpBasic("employer", "demo")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(employerList).doesNotContain(number);
        mvc.perform(get("/api/certificates/" + number).with(httpBasic("employer", "demo"))).andExpect(status().isNotFound());
    }

    @Test
    void aRevokedCertificateVerifiesAsRevokedNeverAsValid() throws Exception {
        long bureau = organisations.findByCode("TJ-HRSS").orElseThrow().id();
        Certificate issued = issuer.issue(new CertificateRequest("test:revoke:" + System.nanoTime(), null, holderPersonId(),
                AcquisitionPath.EXAM_IN_LIEU, ReviewType.EXAM_IN_LIEU, "经济", "人力资源管理", "经济师",
                TitleLevel.INTERMEDIATE, LocalDate.of(2026, 10, 20), "天津市人事考试中心", null, null, null,
                "天津市人力资源和社会保障局", null, null, bureau, LocalDate.of(2020, 1, 1)), "bureau").certificate();
        assertThat(issued.number()).startsWith("C").hasSize(17);
        byte[] stored = certificates.findPdf(issued.number()).orElseThrow();
        // The PDF prints the holder's ID number, so the database keeps it encrypted.
        assertThat(new String(stored, 0, 5, java.nio.charset.StandardCharsets.ISO_8859_1)).isNotEqualTo("%PDF-");
        assertThat(new String(stored, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain("120101198805120014");
        byte[] pdf = cipher.decryptBytes(CertificateIssuer.PDF_FIELD, stored);
        assertThat(new String(pdf, 0, 5, java.nio.charset.StandardCharsets.ISO_8859_1)).isEqualTo("%PDF-");
        certificates.revoke(issued.number(), java.time.Instant.now(), "bureau", "test");
        mvc.perform(multipart("/api/public/verify-pdf").file(new MockMultipartFile("file", "c.pdf", "application/pdf", pdf)))
                .andExpect(status().isOk()).andExpect(jsonPath("$.valid").value(false))
                .andExpect(jsonPath("$.status").value("REVOKED"));
    }

    @Test
    void generatingTwiceForTheSameKeyReturnsTheFirstCertificateWithItsFrozenPhoto() {
        long bureau = organisations.findByCode("TJ-HRSS").orElseThrow().id();
        CertificateRequest request = new CertificateRequest("test:twice:" + System.nanoTime(), null, holderPersonId(),
                AcquisitionPath.SELF_APPOINTMENT, ReviewType.SELF, "工程技术", "电子信息", "助理工程师", TitleLevel.ASSISTANT,
                LocalDate.of(2026, 10, 20), "天津滨海电子科技有限公司", null, null, null, null, null, null, bureau, null);
        CertificateIssuer.Issued first = issuer.issue(request, "bureau");
        CertificateIssuer.Issued second = issuer.issue(request, "bureau");
        assertThat(first.created()).isTrue();
        assertThat(second.created()).isFalse();
        assertThat(second.certificate().number()).isEqualTo(first.certificate().number());
        assertThat(first.certificate()).as("what the issuer returns is what it stored")
                .isEqualTo(second.certificate()).isEqualTo(certificates.findByNumber(first.certificate().number()).orElseThrow());
        assertThat(first.certificate().id()).isNotNull();
        assertThat(first.certificate().photoId()).isNotNull();
        assertThat(first.certificate().template()).isEqualTo("tianjin");
        assertThat(first.certificate().verifyTokenHash()).hasSize(64);
    }

    @Test
    void anIssuingOrganisationThatIsNotTheRequestsIsRefusedAndNothingIsStored() {
        Organisation bureau = organisations.findByCode("TJ-HRSS").orElseThrow();
        long holder = holderPersonId();
        Photo photo = photos.findCurrent(holder).orElseThrow();
        String key = "test:issuer:" + System.nanoTime();
        CertificateRequest request = new CertificateRequest(key, null, holder, AcquisitionPath.SELF_APPOINTMENT,
                ReviewType.SELF, "工程技术", "电子信息", "助理工程师", TitleLevel.ASSISTANT, LocalDate.of(2026, 10, 20),
                "天津滨海电子科技有限公司", null, null, null, null, null, null, bureau.id(), null);
        Organisation notTheIssuer = new Organisation(bureau.id() + 1_000_000,
                bureau.code() + "-X", bureau.name(), bureau.type(), bureau.parentId(), bureau.treePath(),
                bureau.regionCode(), bureau.creditCode(), true, bureau.createdAt());
        assertThatThrownBy(() -> issuer.issue(request, "bureau", photo, notTheIssuer))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(certificates.findByGenerationKey(key)).isEmpty();

        CertificateIssuer.Issued issued = issuer.issue(request, "bureau", photo, bureau);
        assertThat(issued.created()).isTrue();
        assertThat(issued.certificate().issuingOrgId()).isEqualTo(bureau.id());
        assertThat(issued.certificate().issuingAuthority()).isEqualTo(bureau.name());
        assertThat(issued.certificate().photoId()).isEqualTo(photo.id());
        assertThat(issued.certificate()).isEqualTo(certificates.findByNumber(issued.certificate().number()).orElseThrow());
    }
}
