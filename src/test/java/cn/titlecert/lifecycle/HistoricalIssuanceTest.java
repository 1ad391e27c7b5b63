package cn.titlecert.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

import cn.titlecert.certificate.Certificate;
import cn.titlecert.certificate.CertificateIssuer;
import cn.titlecert.certificate.CertificateMapper;
import cn.titlecert.certificate.CertificateStatus;
import cn.titlecert.certificate.PdfSignatureCheck;
import cn.titlecert.demo.DemoPhoto;
import cn.titlecert.issuance.CertificateGeneration;
import cn.titlecert.issuance.IssuanceFixtures;
import cn.titlecert.issuance.IssuanceItem;
import cn.titlecert.issuance.IssuanceMapper;
import cn.titlecert.issuance.IssuanceService;
import cn.titlecert.person.IdNumber;
import cn.titlecert.person.IdType;
import cn.titlecert.person.PersonService;
import cn.titlecert.person.Photo;
import cn.titlecert.person.PhotoMapper;
import cn.titlecert.persistence.GeneratedKey;
import cn.titlecert.security.CurrentUser;
import cn.titlecert.security.IdentityAuthenticationProvider;

/** A complete, recent imported record gets its e-certificate in the next issuance, printing its own approval. */
@SpringBootTest
class HistoricalIssuanceTest {

    @Autowired
    IssuanceFixtures fixtures;

    @Autowired
    IdentityAuthenticationProvider users;

    @Autowired
    HistoricalImportService imports;

    @Autowired
    IssuanceService issuance;

    @Autowired
    IssuanceMapper batches;

    @Autowired
    CertificateGeneration generation;

    @Autowired
    CertificateMapper certificates;

    @Autowired
    PersonService persons;

    @Autowired
    PhotoMapper photos;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aRecentCompleteRecordGetsAnECertificateWithItsOriginalApprovalAndAnOldOneDoesNot() throws Exception {
        IssuanceFixtures.Bureau b = fixtures.newBureau();
        CurrentUser staff = users.load(b.staffUsername());
        String recentId = HistoricalSheets.idNumber();
        String paperNumber = HistoricalSheets.number();
        Path file = Files.createTempFile("historical", ".xlsx");
        Files.write(file, HistoricalSheets.workbook(HistoricalSheets.recent("新近证", recentId, paperNumber),
                HistoricalSheets.old("旧证", HistoricalSheets.idNumber(), HistoricalSheets.number())));
        HistoricalImportService.Report report = imports.importFile(staff, "x.xlsx", file, ImportMode.ALL_OR_NOTHING);
        Files.delete(file);
        assertThat(report.electronicEligible()).isEqualTo(1);
        long personId = persons.findByIdNumber(new IdNumber(IdType.RESIDENT_ID, recentId)).orElseThrow().id();
        byte[] jpeg = DemoPhoto.jpeg();
        photos.insert(new Photo(null, personId, "image/jpeg", jpeg.length, DemoPhoto.WIDTH, DemoPhoto.HEIGHT,
                PdfSignatureCheck.sha256(jpeg), true, "test", java.time.Instant.now()), jpeg, new GeneratedKey());

        YearMonth month = YearMonth.now(CertificateIssuer.CHINA);
        List<Long> opened = issuance.openBatches(month, b.bureau().id(), null);
        assertThat(issuance.collect(opened.get(0))).isEqualTo(1);
        issuance.approve(opened.get(0), LocalDate.now(CertificateIssuer.CHINA), "测试人社局", "测〔2026〕1号",
                staff.username(), b.bureau().id());
        long caseId = jdbc.queryForObject("SELECT application_id FROM certificate WHERE number = ?", Long.class, paperNumber);
        IssuanceItem item = batches.findItemByApplication(caseId).orElseThrow();
        assertThat(generation.generate(item.id())).isTrue();

        Certificate electronic = certificates.findByGenerationKey("application:" + caseId).orElseThrow();
        assertThat(electronic.number()).startsWith("B").isNotEqualTo(paperNumber);
        assertThat(electronic.approvalDocNumber()).isEqualTo("津人社职〔2021〕7号");
        assertThat(electronic.approvingUnitName()).isEqualTo("天津市人力资源和社会保障局");
        assertThat(electronic.approvalDate()).isEqualTo(LocalDate.of(2021, 6, 10));
        assertThat(electronic.obtainedOn()).isEqualTo(LocalDate.of(2021, 6, 1));
        assertThat(electronic.personId()).isEqualTo(personId);
        assertThat(certificates.findPdf(electronic.number())).isPresent();
        // the paper certificate stays valid (the notices keep paper certificates valid)
        assertThat(certificates.findByNumber(paperNumber).orElseThrow().status()).isEqualTo(CertificateStatus.VALID);
    }
}
