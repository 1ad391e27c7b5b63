package cn.titlecert.certificate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import eu.europa.esig.dss.diagnostic.DiagnosticData;
import eu.europa.esig.dss.diagnostic.SignatureWrapper;
import eu.europa.esig.dss.diagnostic.TimestampWrapper;
import eu.europa.esig.dss.enumerations.Indication;
import eu.europa.esig.dss.enumerations.SignatureLevel;
import eu.europa.esig.dss.enumerations.SubIndication;
import eu.europa.esig.dss.enumerations.TimestampType;
import eu.europa.esig.dss.model.InMemoryDocument;
import eu.europa.esig.dss.model.x509.CertificateToken;
import eu.europa.esig.dss.simplereport.SimpleReport;
import eu.europa.esig.dss.spi.validation.CommonCertificateVerifier;
import eu.europa.esig.dss.spi.x509.CommonTrustedCertificateSource;
import eu.europa.esig.dss.validation.SignedDocumentValidator;
import eu.europa.esig.dss.validation.reports.Reports;

/**
 * Sealed certificates validated by the EU's DSS library (PAdES with PDFBox), a validator the project did not write:
 * the signature is intact and cryptographically valid, references its signing certificate, and is a
 * PAdES-BASELINE-B signature (-T with a time-stamping service); a one-byte change inside the signed range fails it.
 * Validation is offline (no revocation sources), so an intact signature ends INDETERMINATE for lack of revocation
 * data, never TOTAL_FAILED.
 */
class DssValidationTest {

    static CertificateFonts fonts;
    static CertificateRenderer renderer;

    @BeforeAll
    static void setUp() throws Exception {
        Files.createDirectories(CertificateRenderingTest.OUT);
        fonts = new CertificateFonts();
        renderer = new CertificateRenderer(new CertificateTemplates(), fonts);
    }

    static SealKeys keys(String name, String tsaUrl) {
        return new SealKeys(new CertificateProperties("", null, "unified",
                new CertificateProperties.Seal(CertificateRenderingTest.OUT.resolve(name), "test-password", "seal", tsaUrl,
                        true), null), Clock.systemUTC());
    }

    static byte[] sealed(SealKeys keys, String template) {
        byte[] pdf = renderer.render(template, SampleCertificates.content("张三", "电子信息")).pdf();
        return new PdfSealer(fonts).seal(pdf, keys.forAuthority(null), "天津市人力资源和社会保障局", Instant.now());
    }

    /** DSS with our seal CA (and the test TSA, if any) as trust anchors and no online sources. */
    static Reports validate(byte[] pdf, SealKeys keys, X509Certificate... moreAnchors) {
        CommonTrustedCertificateSource anchors = new CommonTrustedCertificateSource();
        for (X509Certificate certificate : keys.forAuthority(null).chain()) {
            if (certificate.getBasicConstraints() >= 0) {
                anchors.addCertificate(new CertificateToken(certificate));
            }
        }
        for (X509Certificate certificate : moreAnchors) {
            anchors.addCertificate(new CertificateToken(certificate));
        }
        CommonCertificateVerifier verifier = new CommonCertificateVerifier();
        verifier.setTrustedCertSources(anchors);
        verifier.setAIASource(null);
        verifier.setCrlSource(null);
        verifier.setOcspSource(null);
        SignedDocumentValidator validator = SignedDocumentValidator.fromDocument(new InMemoryDocument(pdf, "certificate.pdf"));
        validator.setCertificateVerifier(verifier);
        return validator.validateDocument();
    }

    @Test
    void aSealedCertificateIsAnIntactPadesBaselineBSignature() {
        SealKeys keys = keys("test-seal.p12", null);
        Reports reports = validate(sealed(keys, "unified"), keys);
        DiagnosticData diagnostic = reports.getDiagnosticData();
        assertThat(diagnostic.getSignatures()).hasSize(1);
        SignatureWrapper signature = diagnostic.getSignatures().get(0);
        assertThat(signature.isSignatureIntact()).as("digest of the signed ranges matches").isTrue();
        assertThat(signature.isSignatureValid()).as("signature value verifies").isTrue();
        assertThat(signature.isSigningCertificateIdentified()).isTrue();
        assertThat(signature.isSigningCertificateReferencePresent()).as("signing-certificate-v2 attribute").isTrue();
        assertThat(signature.getSigningCertificateReference().isDigestValueMatch()).isTrue();
        assertThat(signature.getSignatureFormat()).isEqualTo(SignatureLevel.PAdES_BASELINE_B);
        assertThat(signature.getTimestampList()).isEmpty();

        SimpleReport simple = reports.getSimpleReport();
        String id = simple.getFirstSignatureId();
        assertThat(simple.getSignatureFormat(id)).isEqualTo(SignatureLevel.PAdES_BASELINE_B);
        assertThat(simple.getIndication(id)).as(() -> "DSS: " + simple.getIndication(id) + " / " + simple.getSubIndication(id))
                .isNotEqualTo(Indication.TOTAL_FAILED);
    }

    @Test
    void withATsaItIsPadesBaselineTAndDssAcceptsTheTimestamp() throws Exception {
        try (TestTimeStampAuthority tsa = new TestTimeStampAuthority()) {
            SealKeys keys = keys("tsa-seal.p12", tsa.url());
            Reports reports = validate(sealed(keys, "hubei"), keys, tsa.certificate());
            SignatureWrapper signature = reports.getDiagnosticData().getSignatures().get(0);
            assertThat(signature.isSignatureIntact()).isTrue();
            assertThat(signature.isSignatureValid()).isTrue();
            assertThat(signature.getSignatureFormat()).isEqualTo(SignatureLevel.PAdES_BASELINE_T);
            assertThat(signature.getTimestampListByType(TimestampType.SIGNATURE_TIMESTAMP)).hasSize(1);
            TimestampWrapper timestamp = signature.getTimestampListByType(TimestampType.SIGNATURE_TIMESTAMP).get(0);
            assertThat(timestamp.isMessageImprintDataFound()).isTrue();
            assertThat(timestamp.isMessageImprintDataIntact()).as("imprint = hash of the signature value").isTrue();
            assertThat(timestamp.isSignatureIntact()).isTrue();
            assertThat(timestamp.isSignatureValid()).isTrue();
            String id = reports.getSimpleReport().getFirstSignatureId();
            assertThat(reports.getSimpleReport().getSignatureFormat(id)).isEqualTo(SignatureLevel.PAdES_BASELINE_T);
            assertThat(reports.getSimpleReport().getIndication(id)).isNotEqualTo(Indication.TOTAL_FAILED);
        }
    }

    @Test
    void aOneByteChangeInsideTheSignedRangeFailsTheHashCheck() {
        SealKeys keys = keys("test-seal.p12", null);
        byte[] tampered = sealed(keys, "unified");
        // The same change as the pdfsig test: inside the first signed range, within the page content.
        tampered[CertificateRenderingTest.indexOf(tampered, "endstream".getBytes(StandardCharsets.ISO_8859_1)) - 20] ^= 0x01;
        Reports reports = validate(tampered, keys);
        SignatureWrapper signature = reports.getDiagnosticData().getSignatures().get(0);
        assertThat(signature.isSignatureIntact()).isFalse();
        String id = reports.getSimpleReport().getFirstSignatureId();
        assertThat(reports.getSimpleReport().getIndication(id)).isEqualTo(Indication.TOTAL_FAILED);
        assertThat(reports.getSimpleReport().getSubIndication(id)).isEqualTo(SubIndication.HASH_FAILURE);
    }
}
