package cn.titlecert.certificate;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

import cn.titlecert.TestData;
import cn.titlecert.application.AcquisitionPath;
import cn.titlecert.application.ReviewType;
import cn.titlecert.demo.DemoPhoto;
import cn.titlecert.organisation.OrganisationService;
import cn.titlecert.persistence.GeneratedKey;
import cn.titlecert.person.Person;
import cn.titlecert.person.Photo;
import cn.titlecert.person.PhotoMapper;
import cn.titlecert.privacy.PersonalDataCipher;

/**
 * R15: re-uploading a photo replaces it for certificates generated afterwards, while a certificate already issued
 * keeps the photo it was generated with: the same photo id in its row and the same stored, signed PDF.
 */
@SpringBootTest
@Import(TestData.class)
class CertificatePhotoTest {

    @Autowired
    CertificateIssuer issuer;

    @Autowired
    CertificateMapper certificates;

    @Autowired
    PhotoMapper photos;

    @Autowired
    PersonalDataCipher cipher;

    @Autowired
    OrganisationService organisations;

    @Autowired
    TestData data;

    private long uploadPhoto(long personId, byte[] jpeg) {
        // What a re-upload does to the rows: the current photo is retired, the new one inserted as current.
        photos.retireCurrent(personId);
        GeneratedKey key = new GeneratedKey();
        photos.insert(new Photo(null, personId, "image/jpeg", jpeg.length, DemoPhoto.WIDTH, DemoPhoto.HEIGHT,
                PdfSignatureCheck.sha256(jpeg), true, "holder", Instant.now().truncatedTo(ChronoUnit.SECONDS)), jpeg, key);
        return key.value();
    }

    private Certificate issue(Person person, String title) {
        long bureau = organisations.findByCode("TJ-HRSS").orElseThrow().id();
        return issuer.issue(new CertificateRequest("test:photo:" + System.nanoTime(), null, person.id(),
                AcquisitionPath.SELF_APPOINTMENT, ReviewType.SELF, "工程技术", "电子信息", title, TitleLevel.INTERMEDIATE,
                LocalDate.of(2026, 10, 20), "天津滨海电子科技有限公司", null, null, null, null, null, null, bureau, null),
                "bureau").certificate();
    }

    private byte[] storedPdf(String number) {
        return certificates.findPdf(number).orElseThrow();
    }

    @Test
    void aReuploadedPhotoLeavesAnIssuedCertificateAsItWasAndGoesIntoTheNextOne() throws Exception {
        Person person = data.person("顾照", null);
        byte[] blue = DemoPhoto.jpeg();
        byte[] red = photoOnRed();
        long firstPhoto = uploadPhoto(person.id(), blue);

        Certificate first = issue(person, "工程师");
        assertThat(first.photoId()).isEqualTo(firstPhoto);
        byte[] storedBefore = storedPdf(first.number());
        byte[] pdfBefore = cipher.decryptBytes(CertificateIssuer.PDF_FIELD, storedBefore);
        assertThat(PdfSignatureCheck.sha256(pdfBefore)).isEqualTo(first.pdfSha256());
        // OpenPDF embeds a JPEG as it is (DCTDecode), so the photo's bytes are in the PDF.
        assertThat(contains(pdfBefore, blue)).isTrue();

        long secondPhoto = uploadPhoto(person.id(), red);
        assertThat(secondPhoto).isNotEqualTo(firstPhoto);

        Certificate firstAfter = certificates.findByNumber(first.number()).orElseThrow();
        assertThat(firstAfter).as("the issued certificate's row, photo id included").isEqualTo(first);
        assertThat(storedPdf(first.number())).as("the stored PDF, byte for byte").isEqualTo(storedBefore);
        assertThat(photos.findContent(firstPhoto)).as("the frozen photo is kept").hasValue(blue);

        Certificate second = issue(person, "高级工程师");
        assertThat(second.photoId()).isEqualTo(secondPhoto);
        byte[] pdfAfter = cipher.decryptBytes(CertificateIssuer.PDF_FIELD, storedPdf(second.number()));
        assertThat(contains(pdfAfter, red)).isTrue();
        assertThat(contains(pdfAfter, blue)).isFalse();
    }

    private static byte[] photoOnRed() throws IOException {
        BufferedImage image = new BufferedImage(DemoPhoto.WIDTH, DemoPhoto.HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(0xC8, 0x1E, 0x1E));
        g.fillRect(0, 0, DemoPhoto.WIDTH, DemoPhoto.HEIGHT);
        g.setColor(new Color(0xF0, 0xD5, 0xBE));
        g.fillOval(120, 95, 150, 190);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "jpg", out);
        return out.toByteArray();
    }

    private static boolean contains(byte[] data, byte[] part) {
        outer:
        for (int i = 0; i <= data.length - part.length; i++) {
            for (int j = 0; j < part.length; j++) {
                if (data[i + j] != part[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
