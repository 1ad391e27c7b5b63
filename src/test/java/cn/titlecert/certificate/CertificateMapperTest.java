package cn.titlecert.certificate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.transaction.annotation.Transactional;

import cn.titlecert.TestData;
import cn.titlecert.application.AcquisitionPath;
import cn.titlecert.application.ReviewType;
import cn.titlecert.organisation.Organisation;
import cn.titlecert.organisation.OrganisationType;
import cn.titlecert.persistence.GeneratedKey;
import cn.titlecert.person.Person;

@SpringBootTest
@Import(TestData.class)
@Transactional
class CertificateMapperTest {

    @Autowired
    CertificateMapper certificates;

    @Autowired
    TestData data;

    private Certificate certificate(String number, Person person) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        return new Certificate(null, number, null, person.id(), person.name(), AcquisitionPath.SOCIAL_REVIEW,
                ReviewType.SOCIAL, "工程技术", "电子信息", "高级工程师", TitleLevel.DEPUTY_SENIOR, LocalDate.of(2026, 6, 30),
                "评委会", "工信局", "滨海电子", "市人社局", "津人社职〔2026〕1号", LocalDate.of(2026, 7, 1), "天津市人力资源和社会保障局",
                null, LocalDate.of(2026, 11, 28), LocalDate.of(2026, 12, 15), CertificateStatus.VALID,
                UUID.randomUUID().toString().replace("-", "") + "00000000000000000000000000000000".substring(0, 32), null,
                null, "unified", false, null, null, null, null, now, null, null, person.idNumberMasked());
    }

    @Test
    void storesReadsAndRevokesACertificateWithItsPdf() {
        Organisation employer = data.organisation(OrganisationType.EMPLOYER, null);
        Person person = data.person("持证人", employer);
        String number = "TB" + System.nanoTime();
        byte[] pdf = "%PDF-1.7 test".getBytes();
        Certificate c = certificate(number, person);
        certificates.insert(c, pdf, new GeneratedKey());

        Certificate stored = certificates.findByNumber(number).orElseThrow();
        assertThat(stored.titleLevel()).isEqualTo(TitleLevel.DEPUTY_SENIOR);
        assertThat(stored.status()).isEqualTo(CertificateStatus.VALID);
        assertThat(certificates.findByTokenHash(c.verifyTokenHash())).map(Certificate::number).contains(number);
        assertThat(certificates.findPdf(number)).hasValueSatisfying(bytes -> assertThat(bytes).isEqualTo(pdf));
        assertThat(certificates.findByPerson(person.id())).hasSize(1);
        assertThat(certificates.findInScope(employer.treePath(), 10, 0)).extracting(Certificate::number).containsExactly(number);

        Instant at = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        assertThat(certificates.revoke(number, at, "bureau", "弄虚作假")).isEqualTo(1);
        assertThat(certificates.revoke(number, at, "bureau", "again")).as("only a valid certificate can be revoked").isZero();
        Certificate revoked = certificates.findByNumber(number).orElseThrow();
        assertThat(revoked.status()).isEqualTo(CertificateStatus.REVOKED);
        assertThat(revoked.revocationRemark()).isEqualTo("弄虚作假");
        assertThat(revoked.revokedAt()).isEqualTo(at);
    }

    @Test
    void theDatabaseKeepsCertificateNumbersUnique() {
        Person person = data.person("持证人", null);
        String number = "TC" + System.nanoTime();
        certificates.insert(certificate(number, person), null, new GeneratedKey());
        assertThatThrownBy(() -> certificates.insert(certificate(number, person), null, new GeneratedKey()))
                .isInstanceOf(DuplicateKeyException.class);
        assertThat(certificates.findPdf(number)).isEmpty();
    }
}
