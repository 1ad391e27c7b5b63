package cn.titlecert.certificate;

import java.awt.geom.AffineTransform;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdfwriter.COSWriter;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.common.PDStream;
import org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationWidget;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAppearanceDictionary;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAppearanceStream;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.ExternalSigningSupport;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.SignatureOptions;
import org.apache.pdfbox.pdmodel.interactive.form.PDAcroForm;
import org.apache.pdfbox.pdmodel.interactive.form.PDSignatureField;
import org.apache.pdfbox.util.Matrix;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.ess.ESSCertIDv2;
import org.bouncycastle.asn1.ess.SigningCertificateV2;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.IssuerSerial;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSAttributeTableGenerator;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.DefaultSignedAttributeTableGenerator;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.SignerInformationStore;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampResponse;
import org.springframework.stereotype.Component;

/**
 * Seals a rendered certificate (R13): a PAdES baseline signature (SubFilter ETSI.CAdES.detached, CMS with the
 * signing-certificate-v2 attribute and no signing-time attribute, as PAdES requires; the time is the
 * dictionary's /M), an RFC 3161 signature timestamp when the authority has a TSA, and a visible seal drawn by
 * the product over the issuing authority's name. The signature is an incremental update whose byte range ends
 * at the end of the file, so any later change is detected.
 */
@Component
public class PdfSealer {

    /** Where the seal goes, in points from the top left of the page as the reader sees it (landscape A4). */
    public static final Rectangle2D SEAL_AREA = new Rectangle2D.Double(600, 404, 122, 122);
    static final String SEAL_PURPOSE = "职称电子证书专用章";
    private static final int SEAL_PIXELS = 360;

    private final CertificateFonts fonts;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    /** Visible-signature templates per authority name, page rotation and size: drawn once, reused. */
    private final Map<String, byte[]> appearanceTemplates = new ConcurrentHashMap<>();

    public PdfSealer(CertificateFonts fonts) {
        this.fonts = fonts;
    }

    public byte[] seal(byte[] pdf, SigningKey key, String authorityName, Instant signedAt) {
        return seal(pdf, key, authorityName, signedAt, true);
    }

    /** @param hexInOneWrite false: PDFBox's own incremental save (the test compares both, byte for byte) */
    byte[] seal(byte[] pdf, SigningKey key, String authorityName, Instant signedAt, boolean hexInOneWrite) {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            PDSignature signature = new PDSignature();
            signature.setFilter(PDSignature.FILTER_ADOBE_PPKLITE);
            signature.setSubFilter(COSName.getPDFName("ETSI.CAdES.detached"));
            signature.setName(authorityName);
            signature.setReason(SEAL_PURPOSE);
            Calendar when = new GregorianCalendar(TimeZone.getTimeZone("Asia/Shanghai"));
            when.setTimeInMillis(signedAt.toEpochMilli());
            signature.setSignDate(when);

            PDPage page = document.getPage(0);
            byte[] template = appearanceTemplates.computeIfAbsent(
                    authorityName + "|" + page.getRotation() + "|" + page.getMediaBox(),
                    k -> appearanceTemplate(page, authorityName));
            ByteArrayOutputStream out = new ByteArrayOutputStream(pdf.length + 48 * 1024);
            try (SignatureOptions options = new SignatureOptions()) {
                options.setPreferredSignatureSize(signatureSpace(key));
                options.setVisualSignature(new ByteArrayInputStream(template));
                options.setPage(0);
                document.addSignature(signature, options);
                if (hexInOneWrite && !document.isEncrypted()) {
                    COSWriter writer = new HexInOneWrite(out, new RandomAccessReadBuffer(pdf));
                    writer.write(document);
                    writer.writeExternalSignature(cms(writer.getDataToSign(), key));
                } else {
                    ExternalSigningSupport external = document.saveIncrementalForExternalSigning(out);
                    external.setSignature(cms(external.getContent(), key));
                }
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("sealing failed", e);
        }
    }

    /**
     * PDFBox's incremental writer, except that a string written in hex form (the signature's /Contents: the bytes
     * reserved for the CMS signature, about 6 KB of zeros) goes out in one write. PDFBox writes it two characters per
     * byte, one call each, into a synchronised {@code ByteArrayOutputStream}: 12,000 locked calls per certificate,
     * 8% of the JVM's time in issuance. The bytes written are the same ({@code PdfSealerTest}). Only for documents
     * that are not encrypted: PDFBox encrypts a string before writing it, which this does not.
     */
    private static final class HexInOneWrite extends COSWriter {

        private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);

        HexInOneWrite(OutputStream out, RandomAccessReadBuffer original) throws IOException {
            super(out, original);
        }

        @Override
        public void visitFromString(COSString string) throws IOException {
            if (!string.getForceHexForm()) {
                super.visitFromString(string);
                return;
            }
            byte[] bytes = string.getBytes();
            byte[] hex = new byte[2 * bytes.length + 2];
            hex[0] = '<';
            for (int i = 0; i < bytes.length; i++) {
                hex[2 * i + 1] = HEX[(bytes[i] >> 4) & 0x0F];
                hex[2 * i + 2] = HEX[bytes[i] & 0x0F];
            }
            hex[hex.length - 1] = '>';
            getStandardOutput().write(hex, 0, hex.length);
        }
    }

    /**
     * Bytes reserved for the CMS signature: the certificate chain it carries, 4 KB for the signer info (attributes
     * and a signature value of up to 4096-bit RSA), and 20 KB for a timestamp token with its TSA's certificates. The
     * reservation is written as hex and hashed in every certificate, so a fixed 12 KB was wasted work.
     */
    static int signatureSpace(SigningKey key) {
        int chain = 0;
        for (X509Certificate certificate : key.chain()) {
            try {
                chain += certificate.getEncoded().length;
            } catch (CertificateEncodingException e) {
                throw new IllegalStateException("unreadable seal certificate", e);
            }
        }
        return chain + 4 * 1024 + (key.tsaUrl().isPresent() ? 20 * 1024 : 0);
    }

    byte[] cms(InputStream signedContent, SigningKey key) throws IOException {
        try {
            X509Certificate certificate = key.certificate();
            String algorithm = key.privateKey().getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256withRSA";
            ASN1EncodableVector extra = new ASN1EncodableVector();
            extra.add(new Attribute(PKCSObjectIdentifiers.id_aa_signingCertificateV2,
                    new DERSet(signingCertificateV2(certificate))));
            CMSAttributeTableGenerator signedAttributes = new DefaultSignedAttributeTableGenerator(new AttributeTable(extra)) {
                @Override
                @SuppressWarnings("rawtypes")
                public AttributeTable getAttributes(Map parameters) {
                    return super.getAttributes(parameters).remove(CMSAttributes.signingTime);
                }
            };
            CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
            generator.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder().build())
                    .setSignedAttributeGenerator(signedAttributes)
                    .build(new JcaContentSignerBuilder(algorithm).build(key.privateKey()), certificate));
            generator.addCertificates(new JcaCertStore(key.chain()));
            CMSSignedData signed = generator.generate(new CMSProcessableByteArray(signedContent.readAllBytes()), false);
            if (key.tsaUrl().isPresent()) {
                signed = withTimestamp(signed, key.tsaUrl().get());
            }
            return signed.getEncoded();
        } catch (CMSException | OperatorCreationException | CertificateEncodingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot make the CMS signature", e);
        }
    }

    private static SigningCertificateV2 signingCertificateV2(X509Certificate certificate)
            throws CertificateEncodingException, NoSuchAlgorithmException {
        byte[] hash = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
        IssuerSerial issuerSerial = new IssuerSerial(
                new GeneralNames(new GeneralName(X500Name.getInstance(certificate.getIssuerX500Principal().getEncoded()))),
                certificate.getSerialNumber());
        return new SigningCertificateV2(new ESSCertIDv2[] {
                new ESSCertIDv2(new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256), hash, issuerSerial)});
    }

    /** Adds an RFC 3161 timestamp over the signature value (the CAdES signature-time-stamp attribute). */
    private CMSSignedData withTimestamp(CMSSignedData signed, String tsaUrl) throws IOException, NoSuchAlgorithmException {
        SignerInformation signer = signed.getSignerInfos().getSigners().iterator().next();
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(signer.getSignature());
        TimeStampRequestGenerator requests = new TimeStampRequestGenerator();
        requests.setCertReq(true);
        TimeStampRequest request = requests.generate(NISTObjectIdentifiers.id_sha256, digest,
                new java.math.BigInteger(64, new SecureRandom()));
        try {
            HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(tsaUrl))
                    .timeout(Duration.ofSeconds(20)).header("Content-Type", "application/timestamp-query")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(request.getEncoded())).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new IOException("time-stamping service answered HTTP " + response.statusCode());
            }
            TimeStampResponse stamp = new TimeStampResponse(response.body());
            stamp.validate(request);
            if (stamp.getTimeStampToken() == null) {
                throw new IOException("time-stamping service refused: " + stamp.getStatusString());
            }
            ASN1EncodableVector unsigned = new ASN1EncodableVector();
            unsigned.add(new Attribute(PKCSObjectIdentifiers.id_aa_signatureTimeStampToken,
                    new DERSet(stamp.getTimeStampToken().toCMSSignedData().toASN1Structure())));
            SignerInformation stamped = SignerInformation.replaceUnsignedAttributes(signer, new AttributeTable(unsigned));
            return CMSSignedData.replaceSigners(signed, new SignerInformationStore(List.of(stamped)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while time-stamping", e);
        } catch (TSPException e) {
            throw new IOException("invalid time-stamp response", e);
        }
    }

    /**
     * A one-page PDF holding only the signature field and its appearance (the seal), which PDFBox merges into
     * the certificate. Jasper writes landscape pages as portrait pages with /Rotate 90, so the rectangle is
     * turned into the page's own coordinates and the appearance is rotated back to stand upright.
     */
    private byte[] appearanceTemplate(PDPage source, String authorityName) {
        try (PDDocument doc = new PDDocument()) {
            PDPage page = new PDPage(source.getMediaBox());
            page.setRotation(source.getRotation());
            doc.addPage(page);
            PDAcroForm form = new PDAcroForm(doc);
            doc.getDocumentCatalog().setAcroForm(form);
            PDSignatureField field = new PDSignatureField(form);
            PDAnnotationWidget widget = field.getWidgets().get(0);
            form.setSignaturesExist(true);
            form.setAppendOnly(true);
            form.getCOSObject().setDirect(true);
            form.getFields().add(field);

            PDRectangle rect = pageRectangle(page, SEAL_AREA);
            widget.setRectangle(rect);
            widget.setPage(page);
            widget.setPrinted(true);

            PDStream stream = new PDStream(doc);
            PDFormXObject appearanceForm = new PDFormXObject(stream);
            appearanceForm.setResources(new PDResources());
            appearanceForm.setFormType(1);
            PDRectangle bbox = new PDRectangle(rect.getWidth(), rect.getHeight());
            Matrix initialScale = null;
            switch (source.getRotation()) {
                case 90 -> {
                    appearanceForm.setMatrix(AffineTransform.getQuadrantRotateInstance(1));
                    initialScale = Matrix.getScaleInstance(bbox.getWidth() / bbox.getHeight(), bbox.getHeight() / bbox.getWidth());
                }
                case 180 -> appearanceForm.setMatrix(AffineTransform.getQuadrantRotateInstance(2));
                case 270 -> {
                    appearanceForm.setMatrix(AffineTransform.getQuadrantRotateInstance(3));
                    initialScale = Matrix.getScaleInstance(bbox.getWidth() / bbox.getHeight(), bbox.getHeight() / bbox.getWidth());
                }
                default -> {
                }
            }
            appearanceForm.setBBox(bbox);
            PDAppearanceDictionary appearance = new PDAppearanceDictionary();
            appearance.getCOSObject().setDirect(true);
            PDAppearanceStream appearanceStream = new PDAppearanceStream(appearanceForm.getCOSObject());
            appearance.setNormalAppearance(appearanceStream);
            widget.setAppearance(appearance);

            BufferedImage seal = SealImage.draw(authorityName, SEAL_PURPOSE,
                    fonts.all().get(0).font(), SEAL_PIXELS);
            PDImageXObject image = LosslessFactory.createFromImage(doc, seal);
            float side = (float) SEAL_AREA.getWidth();
            try (PDPageContentStream content = new PDPageContentStream(doc, appearanceStream)) {
                if (initialScale != null) {
                    content.transform(initialScale);
                }
                content.drawImage(image, 0, 0, side, (float) SEAL_AREA.getHeight());
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            doc.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A rectangle given from the reader's top left, in the page's unrotated user space. */
    static PDRectangle pageRectangle(PDPage page, Rectangle2D area) {
        float x = (float) area.getX();
        float y = (float) area.getY();
        float w = (float) area.getWidth();
        float h = (float) area.getHeight();
        PDRectangle box = page.getCropBox();
        PDRectangle rect = new PDRectangle();
        switch (page.getRotation()) {
            case 90 -> {
                rect.setLowerLeftY(x);
                rect.setUpperRightY(x + w);
                rect.setLowerLeftX(y);
                rect.setUpperRightX(y + h);
            }
            case 180 -> {
                rect.setUpperRightX(box.getWidth() - x);
                rect.setLowerLeftX(box.getWidth() - x - w);
                rect.setLowerLeftY(y);
                rect.setUpperRightY(y + h);
            }
            case 270 -> {
                rect.setLowerLeftY(box.getHeight() - x - w);
                rect.setUpperRightY(box.getHeight() - x);
                rect.setLowerLeftX(box.getWidth() - y - h);
                rect.setUpperRightX(box.getWidth() - y);
            }
            default -> {
                rect.setLowerLeftX(x);
                rect.setUpperRightX(x + w);
                rect.setLowerLeftY(box.getHeight() - y - h);
                rect.setUpperRightY(box.getHeight() - y);
            }
        }
        return rect;
    }
}
