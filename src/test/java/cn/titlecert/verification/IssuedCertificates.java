package cn.titlecert.verification;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.springframework.stereotype.Component;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.LuminanceSource;
import com.google.zxing.ReaderException;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.GlobalHistogramBinarizer;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;

import cn.titlecert.TestData;
import cn.titlecert.application.AcquisitionPath;
import cn.titlecert.application.ReviewType;
import cn.titlecert.certificate.Certificate;
import cn.titlecert.certificate.CertificateIssuer;
import cn.titlecert.certificate.CertificateMapper;
import cn.titlecert.certificate.CertificateRequest;
import cn.titlecert.certificate.TitleLevel;
import cn.titlecert.organisation.OrganisationService;
import cn.titlecert.person.Person;
import cn.titlecert.person.Photo;
import cn.titlecert.person.PhotoMapper;
import cn.titlecert.person.TestPhotos;
import cn.titlecert.persistence.GeneratedKey;
import cn.titlecert.privacy.PersonalDataCipher;

/**
 * Issues a fresh certificate and reads its verification link the way a verifier does: from the QR code on the
 * rendered PDF (the database keeps only the token's hash).
 */
@Component
public class IssuedCertificates {

    public record Issued(Certificate certificate, String verifyUrl, String token) {
    }

    private final CertificateIssuer issuer;
    private final CertificateMapper certificates;
    private final OrganisationService organisations;
    private final PersonalDataCipher cipher;

    private final TestData testData;
    private final PhotoMapper photos;

    public IssuedCertificates(CertificateIssuer issuer, CertificateMapper certificates,
            OrganisationService organisations, PersonalDataCipher cipher, TestData testData, PhotoMapper photos) {
        this.testData = testData;
        this.photos = photos;
        this.issuer = issuer;
        this.certificates = certificates;
        this.organisations = organisations;
        this.cipher = cipher;
    }

    /** A new person employed by the demo employer, with a photo, so a certificate can be issued to them. */
    public Person personWithPhoto(String name) {
        Person person = testData.person(name, organisations.findByCode("TJ-EMP-BHDZ").orElseThrow());
        byte[] jpeg = TestPhotos.jpeg(TestPhotos.ID_BLUE);
        photos.insert(new Photo(null, person.id(), "image/jpeg", jpeg.length, 390, 500, "0".repeat(64), true, "test",
                Instant.now()), jpeg, new GeneratedKey());
        return person;
    }

    public Issued issue(long personId) {
        return issue(personId, LocalDate.of(2020, 1, 1));
    }

    /** @param releaseOn from when the holder may download it */
    public Issued issue(long personId, LocalDate releaseOn) {
        Certificate certificate = certificate(personId, releaseOn);
        byte[] pdf = cipher.decryptBytes(CertificateIssuer.PDF_FIELD, certificates.findPdf(certificate.number()).orElseThrow());
        String url = qrText(pdf);
        String path = URI.create(url).getPath();
        return new Issued(certificate, url, path.substring(path.lastIndexOf('/') + 1));
    }

    /** A certificate released already, without reading its link back from the PDF (where the link does not matter). */
    public Certificate certificate(long personId) {
        return certificate(personId, LocalDate.of(2020, 1, 1));
    }

    private Certificate certificate(long personId, LocalDate releaseOn) {
        long bureau = organisations.findByCode("TJ-HRSS").orElseThrow().id();
        return issuer.issue(new CertificateRequest("test:verify:" + System.nanoTime(), null, personId,
                AcquisitionPath.SELF_APPOINTMENT, ReviewType.SELF, "工程技术", "电子信息", "工程师", TitleLevel.INTERMEDIATE,
                LocalDate.of(2026, 10, 20), "天津滨海电子科技有限公司", "天津市工业和信息化局", null, null,
                "天津市人力资源和社会保障局", "津人社职〔2026〕8号", LocalDate.of(2026, 10, 30), bureau,
                releaseOn), "bureau").certificate();
    }

    /**
     * Renders the first page and decodes the QR code on it, as a phone would: at a few resolutions, on the whole
     * page and then on overlapping tiles (the seal and the printed text can distract the detector on a full page).
     */
    public static String qrText(byte[] pdf) {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            PDFRenderer renderer = new PDFRenderer(document);
            for (int dpi : new int[] {200, 300, 150, 250, 120}) {
                BufferedImage page = renderer.renderImageWithDPI(0, dpi, ImageType.RGB);
                Optional<String> text = qrTextOfImage(page);
                if (text.isPresent()) {
                    return text.get();
                }
            }
            throw new AssertionError("no QR code found on the certificate");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Decodes a QR code on a rendered page image (for instance poppler's pdftoppm output): whole, then in halves of
     * the page, then in thirds (a smaller tile leaves less printed text, seal or stamp box beside the code for the
     * detector to take for finder patterns), as a phone held closer would; then the same at other scales, because
     * ZXing's sampling misses some module sizes that a slightly nearer or farther camera reads at once (seen: a
     * clean 150 dpi render unreadable as it was and read at 0.75 and 1.5 times).
     */
    public static Optional<String> qrTextOfImage(BufferedImage page) {
        Optional<String> text = decodeTiles(page);
        for (double scale : new double[] {0.75, 1.5}) {
            if (text.isPresent()) {
                break;
            }
            BufferedImage scaled = new BufferedImage((int) (page.getWidth() * scale), (int) (page.getHeight() * scale),
                    BufferedImage.TYPE_INT_RGB);
            java.awt.Graphics2D g = scaled.createGraphics();
            g.setRenderingHint(java.awt.RenderingHints.KEY_INTERPOLATION,
                    java.awt.RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(page, 0, 0, scaled.getWidth(), scaled.getHeight(), null);
            g.dispose();
            text = decodeTiles(scaled);
        }
        return text;
    }

    private static Optional<String> decodeTiles(BufferedImage page) {
        Optional<String> text = decode(page);
        int w = page.getWidth();
        int h = page.getHeight();
        for (int parts : new int[] {2, 3}) {
            int steps = parts * 2 - 1;
            for (int ty = 0; ty < steps && text.isEmpty(); ty++) {
                for (int tx = 0; tx < steps && text.isEmpty(); tx++) {
                    text = decode(page.getSubimage(tx * w / (parts * 2), ty * h / (parts * 2), w / parts, h / parts));
                }
            }
        }
        return text;
    }

    private static Optional<String> decode(BufferedImage image) {
        int[] pixels = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
        LuminanceSource source = new RGBLuminanceSource(image.getWidth(), image.getHeight(), pixels);
        Map<DecodeHintType, Object> hints = new EnumMap<>(DecodeHintType.class);
        hints.put(DecodeHintType.TRY_HARDER, Boolean.TRUE);
        hints.put(DecodeHintType.POSSIBLE_FORMATS, List.of(BarcodeFormat.QR_CODE));
        for (BinaryBitmap bitmap : new BinaryBitmap[] {new BinaryBitmap(new HybridBinarizer(source)),
                new BinaryBitmap(new GlobalHistogramBinarizer(source))}) {
            try {
                return Optional.of(new QRCodeReader().decode(bitmap, hints).getText());
            } catch (ReaderException tryAnother) {
                // not found or not readable with this binarizer: try the next
            }
        }
        return Optional.empty();
    }
}
