package cn.titlecert.certificate;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.springframework.stereotype.Component;

/**
 * Checks an uploaded PDF the way our signatures are made: one PAdES signature (ETSI.CAdES.detached) whose byte
 * range covers the whole file but the signature value, whose CMS digest and signature verify, made by one of
 * our seal certificates (or one our CAs issued). Returns why a file fails, never throws for a bad file. The file
 * comes from anyone, so reading it is held to {@link Limits}: a file that would take more pages, objects, decoded
 * bytes or time than those is refused for it before it takes them (see {@link BoundedPdfParser}).
 */
@Component
public class PdfSignatureCheck {

    public enum Failure {
        NOT_A_PDF, NOT_SIGNED, NOT_WHOLE_FILE, SIGNATURE_INVALID, UNKNOWN_SIGNER,
        TOO_MANY_PAGES, TOO_MANY_OBJECTS, CONTENT_TOO_LARGE, TIMED_OUT
    }

    /**
     * What checking one file may take. Ours have one page and about thirty objects, and decode a few kilobytes
     * (the cross-reference and object streams) in a few milliseconds.
     *
     * @param maxDecodedBytes the most bytes the streams PDFBox decodes while loading may decode to, all together
     * @param timeLimit the check stops at the next place it looks, past this
     */
    public record Limits(int maxPages, int maxObjects, long maxDecodedBytes, Duration timeLimit) {

        public static final Limits DEFAULT = new Limits(10, 1000, 4L << 20, Duration.ofSeconds(5));

        public Limits {
            if (maxPages < 1 || maxObjects < 1 || maxDecodedBytes < 1 || timeLimit.isNegative()) {
                throw new IllegalArgumentException("PDF check limits must be positive");
            }
        }
    }

    /** @param sha256 the file's SHA-256 (hex), by which the issued certificate is found */
    public record Result(Optional<Failure> failure, String sha256, Optional<X509Certificate> signer) {
        public boolean intact() {
            return failure.isEmpty();
        }
    }

    private final SealKeys keys;

    public PdfSignatureCheck(SealKeys keys) {
        this.keys = keys;
    }

    public Result check(byte[] file) {
        return check(file, Limits.DEFAULT);
    }

    public Result check(byte[] file, Limits limits) {
        String sha256 = sha256(file);
        if (file.length < 8 || !new String(file, 0, 5, java.nio.charset.StandardCharsets.ISO_8859_1).equals("%PDF-")) {
            return new Result(Optional.of(Failure.NOT_A_PDF), sha256, Optional.empty());
        }
        BoundedPdfParser parser;
        try {
            parser = BoundedPdfParser.of(file, limits);
        } catch (IOException e) {
            return new Result(Optional.of(Failure.SIGNATURE_INVALID), sha256, Optional.empty());
        }
        Result result = check(file, parser, limits, sha256);
        // A limit reached counts even where something on the way caught it and went on.
        Optional<Failure> reached = parser.limitReached();
        return reached.isPresent() ? new Result(reached, sha256, Optional.empty()) : result;
    }

    private Result check(byte[] file, BoundedPdfParser parser, Limits limits, String sha256) {
        try (PDDocument document = parser.load()) {
            if (document.getNumberOfPages() > limits.maxPages()) {
                return new Result(Optional.of(Failure.TOO_MANY_PAGES), sha256, Optional.empty());
            }
            List<PDSignature> signatures = document.getSignatureDictionaries();
            if (signatures.isEmpty()) {
                return new Result(Optional.of(Failure.NOT_SIGNED), sha256, Optional.empty());
            }
            // Ours carry exactly one signature; a second one would be someone else's addition.
            if (signatures.size() != 1) {
                return new Result(Optional.of(Failure.NOT_WHOLE_FILE), sha256, Optional.empty());
            }
            PDSignature signature = signatures.get(0);
            if (!COSName.getPDFName("ETSI.CAdES.detached").getName().equals(signature.getSubFilter())) {
                return new Result(Optional.of(Failure.SIGNATURE_INVALID), sha256, Optional.empty());
            }
            int[] range = signature.getByteRange();
            if (!coversWholeFile(range, file.length)) {
                return new Result(Optional.of(Failure.NOT_WHOLE_FILE), sha256, Optional.empty());
            }
            byte[] signedContent = new byte[range[1] + range[3]];
            System.arraycopy(file, range[0], signedContent, 0, range[1]);
            System.arraycopy(file, range[2], signedContent, range[1], range[3]);
            byte[] contents = signature.getContents(file);
            CMSSignedData cms = new CMSSignedData(new CMSProcessableByteArray(signedContent), contents);
            Collection<SignerInformation> signers = cms.getSignerInfos().getSigners();
            if (signers.size() != 1) {
                return new Result(Optional.of(Failure.SIGNATURE_INVALID), sha256, Optional.empty());
            }
            SignerInformation signer = signers.iterator().next();
            @SuppressWarnings("unchecked")
            Collection<X509CertificateHolder> matches = cms.getCertificates().getMatches(signer.getSID());
            if (matches.isEmpty()) {
                return new Result(Optional.of(Failure.SIGNATURE_INVALID), sha256, Optional.empty());
            }
            X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(matches.iterator().next());
            if (!signer.verify(new JcaSimpleSignerInfoVerifierBuilder().build(certificate))) {
                return new Result(Optional.of(Failure.SIGNATURE_INVALID), sha256, Optional.of(certificate));
            }
            if (!ours(certificate)) {
                return new Result(Optional.of(Failure.UNKNOWN_SIGNER), sha256, Optional.of(certificate));
            }
            return new Result(Optional.empty(), sha256, Optional.of(certificate));
        } catch (BoundedPdfParser.LimitReached e) {
            return new Result(Optional.of(e.failure()), sha256, Optional.empty());
        } catch (CMSException | OperatorCreationException | GeneralSecurityException | IOException
                | RuntimeException | StackOverflowError e) {
            // A damaged file or a signature that does not parse (a loop of /Parent entries recurses without end):
            // not an intact certificate either way.
            return new Result(Optional.of(Failure.SIGNATURE_INVALID), sha256, Optional.empty());
        }
    }

    /** [0, a, b, c]: from the start, a gap exactly around /Contents, to the end of the file. */
    static boolean coversWholeFile(int[] range, long length) {
        return range != null && range.length == 4 && range[0] == 0 && range[1] > 0 && range[2] > range[1]
                && range[3] >= 0 && (long) range[2] + range[3] == length;
    }

    private boolean ours(X509Certificate certificate) {
        Set<X509Certificate> trusted = keys.trusted();
        if (trusted.contains(certificate)) {
            return true;
        }
        for (X509Certificate anchor : trusted) {
            if (anchor.getBasicConstraints() >= 0 && anchor.getSubjectX500Principal().equals(certificate.getIssuerX500Principal())) {
                try {
                    certificate.verify(anchor.getPublicKey());
                    return true;
                } catch (GeneralSecurityException notIssuedByThisOne) {
                    // try the next anchor
                }
            }
        }
        return false;
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

}
