package cn.titlecert.verification;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Optional;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import cn.titlecert.certificate.Certificate;
import cn.titlecert.certificate.CertificateMapper;
import cn.titlecert.certificate.CertificateIssuer;
import cn.titlecert.certificate.PdfSignatureCheck;
import cn.titlecert.certificate.TitleLevel;
import cn.titlecert.error.DomainException;

/**
 * {@code POST /api/public/verify-pdf}: anyone uploads a PDF and learns whether it is a certificate we issued,
 * unaltered (our seal, intact, covering the whole file, and the very file we stored), and its current status.
 * A file that fails any check answers 422 with the reason; only a 200 says "ours", and {@code valid} says
 * whether it is still in force. Open to anyone, so held to {@link PdfVerificationProperties}: rate limited per
 * client address and refused when too large before the body is read ({@link PdfUploadFilter}), checked within limits
 * of pages, objects, decoded bytes and time on a small pool of its own ({@link PdfCheckPool}).
 */
@RestController
@RequestMapping("/api/public")
public class PdfVerificationController {

    private final PdfSignatureCheck signatures;
    private final CertificateMapper certificates;
    private final AnnotationMapper annotations;
    private final Clock clock;
    private final MeterRegistry meters;
    private final PdfVerificationProperties properties;
    private final PdfCheckPool pool;

    PdfVerificationController(PdfSignatureCheck signatures, CertificateMapper certificates,
            AnnotationMapper annotations, Clock clock, MeterRegistry meters, PdfVerificationProperties properties,
            PdfCheckPool pool) {
        this.signatures = signatures;
        this.certificates = certificates;
        this.annotations = annotations;
        this.clock = clock;
        this.meters = meters;
        this.properties = properties;
        this.pool = pool;
    }

    /** The same counter as QR verifications, channel {@code pdf}; a refused file counts by its reason. */
    private void count(String outcome) {
        meters.counter("titlecert.verifications", "outcome", outcome.toLowerCase(Locale.ROOT).replace('-', '_'),
                "channel", "pdf").increment();
    }

    /**
     * What a verifier may learn: no ID number, the holder's name as printed; for an annotated copy (R26) also its
     * scenario and expiry, and {@code EXPIRED} once that is past.
     */
    public record PdfVerification(boolean valid, VerificationStatus status, String number, String holderName,
            String titleName, TitleLevel titleLevel, String issuingAuthority, LocalDate issuedOn, String signedBy,
            CertificateVerification.AnnotationView annotation) {
    }

    @PostMapping(path = "/verify-pdf", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    PdfVerification verify(@RequestParam(name = "file", required = false) MultipartFile file) {
        if (file == null || file.isEmpty()) {
            throw DomainException.badRequest("verification.file-required");
        }
        if (file.getSize() > properties.maxFileSize().toBytes()) {
            throw new DomainException(HttpStatus.PAYLOAD_TOO_LARGE, "verification.file-too-large",
                    properties.maxFileSize().toMegabytes());
        }
        byte[] bytes;
        try {
            bytes = file.getBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        PdfSignatureCheck.Limits limits = properties.checkLimits();
        PdfSignatureCheck.Result result;
        try {
            result = pool.run(() -> signatures.check(bytes, limits));
        } catch (DomainException refused) {
            count(refused.code().substring(refused.code().indexOf('.') + 1));
            throw refused;
        }
        if (result.failure().isPresent()) {
            PdfSignatureCheck.Failure failure = result.failure().get();
            String code = "verification." + failure.name().toLowerCase(Locale.ROOT).replace('_', '-');
            count(failure.name());
            throw failure == PdfSignatureCheck.Failure.NOT_A_PDF ? DomainException.badRequest(code)
                    : new DomainException(HttpStatus.UNPROCESSABLE_ENTITY, code, argumentsOf(failure));
        }
        Optional<Certificate> original = certificates.findByPdfSha256(result.sha256());
        Optional<Annotation> annotation = original.isPresent() ? Optional.empty()
                : annotations.findByPdfSha256(result.sha256());
        Optional<Certificate> found = original.or(() -> annotation.flatMap(a -> certificates.findById(a.certificateId())));
        if (found.isEmpty()) {
            count("not_found");
            throw new DomainException(HttpStatus.UNPROCESSABLE_ENTITY, "verification.unknown-certificate");
        }
        Certificate certificate = found.get();
        LocalDate today = LocalDate.now(clock.withZone(CertificateIssuer.CHINA));
        VerificationStatus status = VerificationStatus.of(certificate.status(),
                annotation.map(a -> a.expiredOn(today)).orElse(false));
        count(status.name());
        return new PdfVerification(status == VerificationStatus.VALID, status,
                certificate.number(), certificate.holderName(), certificate.titleName(), certificate.titleLevel(),
                certificate.issuingAuthority(), certificate.issuedOn(),
                result.signer().map(s -> s.getSubjectX500Principal().getName()).orElse(null),
                annotation.map(CertificateVerification.AnnotationView::of).orElse(null));
    }

    /** The limit a file reached, for its message. */
    private Object[] argumentsOf(PdfSignatureCheck.Failure failure) {
        return switch (failure) {
            case TOO_MANY_PAGES -> new Object[] {properties.maxPages()};
            case TOO_MANY_OBJECTS -> new Object[] {properties.maxObjects()};
            case CONTENT_TOO_LARGE -> new Object[] {properties.maxDecodedSize().toMegabytes()};
            case TIMED_OUT -> new Object[] {Math.max(1, properties.timeLimit().toSeconds())};
            default -> new Object[0];
        };
    }
}
