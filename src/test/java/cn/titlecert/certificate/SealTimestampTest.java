package cn.titlecert.certificate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.tsp.TimeStampToken;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The RFC 3161 signature timestamp (PAdES-BASELINE-T) against a time-stamping service started by the test: the
 * token is in the signer's unsigned attributes, stamps the signature value, is signed by the TSA, and the file still
 * verifies with poppler's pdfsig and our own check.
 */
class SealTimestampTest {

    static final Path OUT = CertificateRenderingTest.OUT;
    static CertificateFonts fonts;
    static CertificateRenderer renderer;

    @BeforeAll
    static void setUp() throws Exception {
        Files.createDirectories(OUT);
        fonts = new CertificateFonts();
        renderer = new CertificateRenderer(new CertificateTemplates(), fonts);
    }

    static SealKeys keysWithTsa(String tsaUrl) {
        return new SealKeys(new CertificateProperties("", null, "unified",
                new CertificateProperties.Seal(OUT.resolve("tsa-seal.p12"), "test-password", "seal", tsaUrl, true), null),
                Clock.systemUTC());
    }

    static byte[] sealed(SealKeys keys) {
        byte[] pdf = renderer.render("hubei", SampleCertificates.content("张三", "电子信息")).pdf();
        return new PdfSealer(fonts).seal(pdf, keys.forAuthority(null), "天津市人力资源和社会保障局", Instant.now());
    }

    static SignerInformation signer(byte[] file) throws Exception {
        try (PDDocument document = Loader.loadPDF(file)) {
            PDSignature signature = document.getLastSignatureDictionary();
            CMSSignedData cms = new CMSSignedData(new CMSProcessableByteArray(signature.getSignedContent(file)),
                    signature.getContents(file));
            return cms.getSignerInfos().getSigners().iterator().next();
        }
    }

    @Test
    void aConfiguredTsaStampsTheSignatureValueAndTheFileStillVerifies() throws Exception {
        try (TestTimeStampAuthority tsa = new TestTimeStampAuthority()) {
            SealKeys keys = keysWithTsa(tsa.url());
            byte[] file = sealed(keys);
            assertThat(tsa.requests()).isEqualTo(1);

            SignerInformation signer = signer(file);
            assertThat(signer.verify(new JcaSimpleSignerInfoVerifierBuilder().build(keys.forAuthority(null).certificate())))
                    .isTrue();
            AttributeTable unsigned = signer.getUnsignedAttributes();
            assertThat(unsigned).as("unsigned attributes").isNotNull();
            Attribute attribute = unsigned.get(PKCSObjectIdentifiers.id_aa_signatureTimeStampToken);
            assertThat(attribute).as("signature-time-stamp attribute").isNotNull();
            TimeStampToken token = new TimeStampToken(ContentInfo.getInstance(attribute.getAttrValues().getObjectAt(0)));

            // The imprint is the SHA-256 of this signature's value (CAdES signature-time-stamp), not of the document.
            assertThat(token.getTimeStampInfo().getMessageImprintAlgOID()).isEqualTo(NISTObjectIdentifiers.id_sha256);
            assertThat(token.getTimeStampInfo().getMessageImprintDigest())
                    .isEqualTo(MessageDigest.getInstance("SHA-256").digest(signer.getSignature()));
            assertThat(token.getTimeStampInfo().getPolicy()).isEqualTo(TestTimeStampAuthority.POLICY);
            assertThat(token.getSID().match(new JcaX509CertificateHolder(tsa.certificate()))).isTrue();
            // Checks the token's signature and that the TSA certificate is for time-stamping only (critical EKU).
            token.validate(new JcaSimpleSignerInfoVerifierBuilder().build(tsa.certificate()));
            assertThat(token.getTimeStampInfo().getGenTime().toInstant())
                    .isBetween(Instant.now().minusSeconds(60), Instant.now().plusSeconds(5));

            PdfSignatureCheck check = new PdfSignatureCheck(keys);
            assertThat(check.check(file).intact()).isTrue();

            assumeTrue(CertificateRenderingTest.poppler(), "poppler-utils are needed");
            Path pdf = OUT.resolve("timestamped.pdf");
            Files.write(pdf, file);
            assertThat(CertificateRenderingTest.run("pdfsig", pdf.toString()))
                    .contains("Signature Type: ETSI.CAdES.detached").contains("Total document signed")
                    .contains("Signature is Valid.");
        }
    }

    @Test
    void withoutATsaTheSignatureHasNoTimestamp() throws Exception {
        SignerInformation signer = signer(sealed(keysWithoutTsa()));
        assertThat(signer.getUnsignedAttributes() == null
                || signer.getUnsignedAttributes().get(PKCSObjectIdentifiers.id_aa_signatureTimeStampToken) == null).isTrue();
    }

    @Test
    void anUnreachableTsaFailsTheSealInsteadOfIssuingWithoutTimestamp() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        SealKeys keys = keysWithTsa("http://127.0.0.1:" + closedPort + "/tsa");
        assertThatThrownBy(() -> sealed(keys)).isInstanceOf(UncheckedIOException.class);
    }

    private static SealKeys keysWithoutTsa() {
        return new SealKeys(new CertificateProperties("", null, "unified",
                new CertificateProperties.Seal(OUT.resolve("test-seal.p12"), "test-password", "seal", null, true), null),
                Clock.systemUTC());
    }
}
