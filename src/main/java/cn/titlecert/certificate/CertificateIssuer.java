package cn.titlecert.certificate;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.micrometer.core.instrument.MeterRegistry;

import cn.titlecert.audit.AuditTrail;
import cn.titlecert.error.DomainException;
import cn.titlecert.organisation.Organisation;
import cn.titlecert.organisation.OrganisationService;
import cn.titlecert.persistence.AfterCommit;
import cn.titlecert.persistence.GeneratedKey;
import cn.titlecert.privacy.PersonalDataCipher;
import cn.titlecert.person.PersonService;
import cn.titlecert.person.Photo;
import cn.titlecert.person.PhotoMapper;

/**
 * Produces a stored certificate from an approved case in one transaction: number, verification token, the
 * current photo (frozen: the row keeps its id), the rendered and sealed PDF, the row and its audit entry.
 * Idempotent per generation key, so the monthly batch can run a case again after a crash without duplicating it.
 */
@Service
public class CertificateIssuer {

    public static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    private static final Logger log = LoggerFactory.getLogger(CertificateIssuer.class);
    private static final Locale PRINTED = Locale.SIMPLIFIED_CHINESE;
    private static final DateTimeFormatter DATE = DateTimeFormatter.ISO_LOCAL_DATE;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final CertificateMapper certificates;
    private final CertificateNumbering numbering;
    private final CertificateRenderer renderer;
    private final PdfSealer sealer;
    private final SealKeys keys;
    private final PersonService persons;
    private final PhotoMapper photos;
    private final OrganisationService organisations;
    private final AuditTrail audit;
    private final MessageSource messages;
    private final CertificateProperties properties;
    private final Clock clock;
    private final PersonalDataCipher cipher;
    private final MeterRegistry meters;

    /** The stored PDF prints the ID number: it is kept encrypted like the number itself. */
    public static final String PDF_FIELD = "certificate.pdf";

    public CertificateIssuer(CertificateMapper certificates, CertificateNumbering numbering, CertificateRenderer renderer,
            PdfSealer sealer, SealKeys keys, PersonService persons, PhotoMapper photos,
            OrganisationService organisations, AuditTrail audit, MessageSource messages,
            CertificateProperties properties, Clock clock, PersonalDataCipher cipher, MeterRegistry meters) {
        this.cipher = cipher;
        this.meters = meters;
        this.certificates = certificates;
        this.numbering = numbering;
        this.renderer = renderer;
        this.sealer = sealer;
        this.keys = keys;
        this.persons = persons;
        this.photos = photos;
        this.organisations = organisations;
        this.audit = audit;
        this.messages = messages;
        this.properties = properties;
        this.clock = clock;
    }

    /** @param created false when the key had produced a certificate already (which is returned) */
    public record Issued(Certificate certificate, boolean created) {
    }

    @Transactional
    public Issued issue(CertificateRequest request, String actor) {
        // R9: no photo, no certificate. The photo used is frozen by its id; a later upload adds a new row.
        return issue(request, actor, () -> photos.findCurrent(request.personId())
                .orElseThrow(() -> DomainException.conflict("certificate.photo-missing")),
                () -> organisations.find(request.issuingOrgId()));
    }

    /**
     * The same with what the caller has just read: the holder's current photo (generation looks for it first) and
     * the issuing organisation (read with the case's other units), which must be the request's.
     */
    @Transactional
    public Issued issue(CertificateRequest request, String actor, Photo currentPhoto, Organisation issuingOrganisation) {
        if (!issuingOrganisation.id().equals(request.issuingOrgId())) {
            throw new IllegalArgumentException("organisation " + issuingOrganisation.id() + " is not the request's issuer "
                    + request.issuingOrgId());
        }
        return issue(request, actor, () -> currentPhoto, () -> Optional.of(issuingOrganisation));
    }

    private Issued issue(CertificateRequest request, String actor, Supplier<Photo> currentPhoto,
            Supplier<Optional<Organisation>> issuingOrganisation) {
        Optional<Certificate> earlier = certificates.findByGenerationKey(request.generationKey());
        if (earlier.isPresent()) {
            return new Issued(earlier.get(), false);
        }
        // One read of the person: what is printed, with the ID number in clear for the certificate only.
        PersonService.Identity person = persons.identityOf(request.personId());
        Photo photo = currentPhoto.get();
        byte[] photoJpeg = photos.findContent(photo.id()).orElseThrow(() -> DomainException.conflict("certificate.photo-missing"));
        Organisation issuer = issuingOrganisation.get().orElseThrow(() -> DomainException.notFound("organisation.not-found"));
        Optional<CertificateProperties.Authority> authority = properties.authority(issuer.code());
        String template = authority.map(CertificateProperties.Authority::template).filter(t -> t != null && !t.isBlank())
                .orElse(properties.defaultTemplate());
        String region = authority.map(CertificateProperties.Authority::regionCode).filter(r -> r != null && !r.isBlank())
                .or(() -> Optional.ofNullable(issuer.regionCode())).orElse("000000");

        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        LocalDate today = LocalDate.ofInstant(now, CHINA);
        String number = numbering.next(request.titleLevel(), today.getYear(), region);
        VerificationToken token = VerificationToken.generate();
        String verifyBase = properties.publicBaseUrl().toString().replaceAll("/+$", "") + "/verify";

        Map<String, String> values = printedValues(person, person.name(), number, request, issuer.name(), today,
                verifyBase, now);
        CertificateRenderer.Rendered rendered = renderer.render(template,
                new CertificateRenderer.Content(values, photoJpeg, verifyBase + "/" + token.value()));
        byte[] pdf = sealer.seal(rendered.pdf(), keys.forAuthority(issuer.code()), issuer.name(), now);

        Certificate row = new Certificate(null, number, request.applicationId(), request.personId(), person.name(),
                request.path(),
                request.reviewType(), request.titleSeries(), request.titleSpecialty(), request.titleName(),
                request.titleLevel(), request.obtainedOn(), request.reviewBodyName(), request.reportingUnitName(),
                request.declaringUnitName(), request.approvingUnitName(), request.approvalDocNumber(),
                request.approvalDate(), issuer.name(), issuer.id(), today, request.releaseOn(), CertificateStatus.VALID,
                token.hash(), photo.id(), PdfSignatureCheck.sha256(pdf), template, rendered.rareCharacters(), null, null,
                null, null, now, request.reviewBodyOrganizerName(), request.generationKey(), person.idNumber().masked());
        GeneratedKey key = new GeneratedKey();
        try {
            certificates.insert(row, cipher.encryptBytes(PDF_FIELD, pdf), key);
        } catch (DuplicateKeyException racedWithAnotherNode) {
            // Another node generated the same case meanwhile; its certificate stands (the number taken here stays unused).
            return certificates.findByGenerationKey(request.generationKey()).map(c -> new Issued(c, false))
                    .orElseThrow(() -> racedWithAnotherNode);
        }
        audit.append(actor == null ? AuditTrail.SYSTEM : actor, issuer.id(), "CERTIFICATE_ISSUED", "certificate", number,
                "template=" + template + " rareCharacters=" + rendered.substitutedFields(), null);
        if (rendered.rareCharacters()) {
            log.info("Certificate {} printed rare characters as pinyin in {}; flagged for annotation by hand", number,
                    rendered.substitutedFields());
        }
        countAfterCommit(request.titleLevel(), template);
        return new Issued(row.withId(key.value()), true);
    }

    /**
     * A copy of an issued certificate (an annotated copy, R26): re-rendered from the fields the certificate froze
     * at issue and the photo it was generated with, plus {@code extra} printed values, with its own QR link, and
     * sealed exactly as the original. Nothing is stored here.
     */
    public byte[] renderCopy(Certificate certificate, Map<String, String> extra, VerificationToken token, Instant now) {
        PersonService.Identity person = persons.identityOf(certificate.personId());
        byte[] photoJpeg = Optional.ofNullable(certificate.photoId()).flatMap(photos::findContent)
                .orElseThrow(() -> DomainException.conflict("certificate.photo-missing"));
        Organisation issuer = Optional.ofNullable(certificate.issuingOrgId()).flatMap(organisations::find)
                .orElseThrow(() -> DomainException.notFound("organisation.not-found"));
        String template = certificate.template() == null ? properties.defaultTemplate() : certificate.template();
        String verifyBase = properties.publicBaseUrl().toString().replaceAll("/+$", "") + "/verify";
        CertificateRequest fields = new CertificateRequest("copy:" + certificate.id(), certificate.applicationId(),
                certificate.personId(), certificate.path(), certificate.reviewType(), certificate.titleSeries(),
                certificate.titleSpecialty(), certificate.titleName(), certificate.titleLevel(), certificate.obtainedOn(),
                certificate.reviewBodyName(), certificate.reportingUnitName(), certificate.declaringUnitName(),
                certificate.reviewBodyOrganizerName(), certificate.approvingUnitName(), certificate.approvalDocNumber(),
                certificate.approvalDate(), issuer.id(), certificate.releaseOn());
        Map<String, String> values = printedValues(person, certificate.holderName(), certificate.number(), fields,
                certificate.issuingAuthority(), certificate.issuedOn(), verifyBase, now);
        values.putAll(extra);
        CertificateRenderer.Rendered rendered = renderer.render(template,
                new CertificateRenderer.Content(values, photoJpeg, verifyBase + "/" + token.value()));
        return sealer.seal(rendered.pdf(), keys.forAuthority(issuer.code()), issuer.name(), now);
    }

    /** Template parameter → text as printed (R10), in Chinese whatever the caller's language. */
    private Map<String, String> printedValues(PersonService.Identity person, String name, String number, CertificateRequest request,
            String issuerName, LocalDate issuedOn, String verifyBase, Instant printedAt) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("number", number);
        values.put("name", name);
        values.put("gender", label("certificate.gender." + person.gender()));
        values.put("birthDate", person.birthDate().format(DATE));
        values.put("idType", label("certificate.id-type." + person.idNumber().type()));
        values.put("idNumber", person.idNumber().value());
        values.put("series", request.titleSeries());
        values.put("specialty", request.titleSpecialty());
        values.put("titleName", request.titleName());
        values.put("level", label("certificate.level." + request.titleLevel()));
        values.put("path", request.path() == null ? null : label("certificate.path." + request.path()));
        values.put("reviewType", request.reviewType() == null ? null : label("certificate.review-type." + request.reviewType()));
        values.put("obtainedOn", request.obtainedOn().format(DATE));
        values.put("reviewBody", request.reviewBodyName());
        values.put("reportingUnit", request.reportingUnitName());
        values.put("declaringUnit", request.declaringUnitName());
        values.put("reviewBodyOrganizer", request.reviewBodyOrganizerName());
        values.put("approvingUnit", request.approvingUnitName());
        values.put("approvalDocNumber", request.approvalDocNumber());
        values.put("approvalDate", request.approvalDate() == null ? null : request.approvalDate().format(DATE));
        values.put("issuingAuthority", issuerName);
        values.put("issuedOn", issuedOn.format(DATE));
        values.put("verifyUrl", verifyBase);
        values.put("generatedAt", printedAt.atZone(CHINA).format(TIME));
        return values;
    }

    /** {@code titlecert.certificates.generated}: counted once the certificate is committed, never for a rollback. */
    private void countAfterCommit(TitleLevel level, String template) {
        Runnable count = () -> meters.counter("titlecert.certificates.generated", "level", level.name().toLowerCase(Locale.ROOT),
                "template", template).increment();
        AfterCommit.run(count);
    }

    private String label(String key) {
        return messages.getMessage(key, null, key, PRINTED);
    }
}
