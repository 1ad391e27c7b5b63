package cn.titlecert.demo;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import cn.titlecert.application.AcquisitionPath;
import cn.titlecert.application.ReviewType;
import cn.titlecert.certificate.CertificateIssuer;
import cn.titlecert.certificate.CertificateRequest;
import cn.titlecert.certificate.TitleLevel;
import cn.titlecert.organisation.Organisation;
import cn.titlecert.organisation.OrganisationService;
import cn.titlecert.person.Photo;
import cn.titlecert.person.PhotoMapper;
import cn.titlecert.persistence.GeneratedKey;
import cn.titlecert.security.UserAccount;
import cn.titlecert.security.UserAccountMapper;

/**
 * Two certificates for the demo holder 张三 (account {@code holder}), with a photo drawn by the product, so the
 * rest of the product can be tried at once. Runs after {@link DemoData}; idempotent through the generation keys.
 */
@Component
@Order(40)
@ConditionalOnProperty(name = "titlecert.demo-data", havingValue = "true")
public class DemoCertificates implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoCertificates.class);

    private final UserAccountMapper accounts;
    private final OrganisationService organisations;
    private final PhotoMapper photos;
    private final CertificateIssuer issuer;
    private final Clock clock;

    public DemoCertificates(UserAccountMapper accounts, OrganisationService organisations, PhotoMapper photos,
            CertificateIssuer issuer, Clock clock) {
        this.accounts = accounts;
        this.organisations = organisations;
        this.photos = photos;
        this.issuer = issuer;
        this.clock = clock;
    }

    @Override
    @Transactional
    public void run(ApplicationArguments args) {
        Long personId = accounts.findByUsername("holder").map(UserAccount::personId).orElse(null);
        Organisation bureau = organisations.findByCode("TJ-HRSS").orElse(null);
        if (personId == null || bureau == null) {
            return;
        }
        if (photos.findCurrent(personId).isEmpty()) {
            byte[] jpeg = DemoPhoto.jpeg();
            photos.insert(new Photo(null, personId, "image/jpeg", jpeg.length, DemoPhoto.WIDTH, DemoPhoto.HEIGHT,
                    cn.titlecert.certificate.PdfSignatureCheck.sha256(jpeg), true, "system", Instant.now(clock)),
                    jpeg, new GeneratedKey());
        }
        LocalDate today = LocalDate.now(clock.withZone(CertificateIssuer.CHINA));
        boolean created = issuer.issue(new CertificateRequest("demo:holder:intermediate", null, personId,
                AcquisitionPath.SOCIAL_REVIEW, ReviewType.SOCIAL, "工程技术", "电子信息", "工程师", TitleLevel.INTERMEDIATE,
                LocalDate.of(2019, 12, 20), "天津市工程技术系列电子信息专业中级评审委员会", "天津市工业和信息化局",
                "天津滨海电子科技有限公司", "天津市工业和信息化局", "天津市人力资源和社会保障局", "津人社职〔2019〕88号",
                LocalDate.of(2019, 12, 30), bureau.id(), today), "system").created();
        created |= issuer.issue(new CertificateRequest("demo:holder:deputy-senior", null, personId,
                AcquisitionPath.SOCIAL_REVIEW, ReviewType.SOCIAL, "工程技术", "电子信息", "高级工程师",
                TitleLevel.DEPUTY_SENIOR, LocalDate.of(2025, 12, 18), "天津市工程技术系列电子信息专业高级评审委员会",
                "天津市工业和信息化局", "天津滨海电子科技有限公司", "天津市工业和信息化局", "天津市人力资源和社会保障局",
                "津人社职〔2025〕120号", LocalDate.of(2025, 12, 28), bureau.id(), today), "system").created();
        if (created) {
            log.info("Demo certificates generated for the holder account");
        }
    }
}
