package cn.titlecert.person;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Set;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.titlecert.audit.AuditTrail;
import cn.titlecert.error.DomainException;
import cn.titlecert.organisation.OrganisationService;
import cn.titlecert.persistence.GeneratedKey;
import cn.titlecert.security.CurrentUser;
import cn.titlecert.security.Role;
import cn.titlecert.security.UserAccount;
import cn.titlecert.security.UserAccountMapper;

/**
 * Holders' photos (R15): who may upload and read which, and storing a new current photo. A new photo retires the
 * old one (the row stays, so certificates keep the photo they were generated with) and is announced with
 * {@link PhotoUploaded} inside the same transaction.
 */
@Service
public class PhotoService {

    /** Staff roles that collect photos: the employer, the committee's organizing unit, the bureau (title office). */
    static final Set<Role> UPLOADERS = EnumSet.of(Role.EMPLOYER, Role.COMMITTEE, Role.BUREAU, Role.ADMIN);

    /** Whether the user uploads photos for others (one by one or as a ZIP archive). */
    public static boolean uploadsForOthers(CurrentUser user) {
        return !user.isHolderOnly() && user.roles().stream().anyMatch(UPLOADERS::contains);
    }

    private final PhotoMapper photos;
    private final PersonMapper persons;
    private final PhotoRules rules;
    private final AuditTrail audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final UserAccountMapper accounts;
    private final OrganisationService organisations;

    public PhotoService(PhotoMapper photos, PersonMapper persons, PhotoRules rules, AuditTrail audit,
            ApplicationEventPublisher events, Clock clock, UserAccountMapper accounts,
            OrganisationService organisations) {
        this.photos = photos;
        this.persons = persons;
        this.rules = rules;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
        this.accounts = accounts;
        this.organisations = organisations;
    }

    /**
     * Whether the user may see this person's current photo: the holder themself; staff whose scope holds the
     * person's employer; the issuing bureau for the people whose cases it issues. A committee's organizing unit that
     * collects the photo for one of its results (see {@link #collectsPhotoFor}) previews only a photo its own staff
     * uploaded, never the one the person has on file from elsewhere.
     */
    public boolean maySee(CurrentUser user, long personId) {
        if (reaches(user, personId)) {
            return true;
        }
        return collectsPhotoFor(user, personId)
                && photos.findCurrent(personId).filter(p -> uploadedWithin(user, p)).isPresent();
    }

    /**
     * Whether a photo for this person may be looked for by the user's uploads (a ZIP names people by ID number): the
     * people it may upload for, or would be told why not.
     */
    public boolean mayLookUp(CurrentUser user, long personId) {
        return reaches(user, personId) || collectsPhotoFor(user, personId);
    }

    /**
     * Refuses a caller who may not upload for this person: 404 when the person is not theirs to see (so its
     * existence does not leak), 403 for staff in scope whose role does not collect photos, 409 for an organizing unit
     * collecting a photo the person already has on file (their own or their employer's, which it does not replace).
     */
    public void requireMayUpload(CurrentUser user, long personId) {
        if (persons.findById(personId).isEmpty()) {
            throw DomainException.notFound("person.not-found");
        }
        if (reaches(user, personId)) {
            boolean own = user.personId() != null && user.personId() == personId;
            if (!own && user.roles().stream().noneMatch(UPLOADERS::contains)) {
                throw DomainException.forbidden("forbidden");
            }
            return;
        }
        if (!collectsPhotoFor(user, personId)) {
            throw DomainException.notFound("person.not-found");
        }
        if (photos.findCurrent(personId).filter(p -> !uploadedWithin(user, p)).isPresent()) {
            throw DomainException.conflict("photo.on-file");
        }
    }

    /**
     * The holder, staff whose scope holds the person's employer, and the issuing bureau (or an administrator) for the
     * people whose cases it issues, employed anywhere or nowhere. Having submitted or reviewed an application for
     * someone is no way in.
     */
    private boolean reaches(CurrentUser user, long personId) {
        if (user.personId() != null && user.personId() == personId) {
            return true;
        }
        String scope = user.scopePath();
        if (user.isHolderOnly() || scope == null) {
            return false;
        }
        return persons.isEmployedWithin(personId, scope)
                || (user.has(Role.BUREAU) || user.isAdmin()) && persons.hasApplicationIssuedWithin(personId, scope);
    }

    /**
     * A committee's organizing unit collects the photos of its results (R9 tells it when one is missing, R15): for a
     * person of another employer, only while one of its results for them still waits for the certificate.
     */
    private boolean collectsPhotoFor(CurrentUser user, long personId) {
        return user.has(Role.COMMITTEE) && !user.isHolderOnly() && user.scopePath() != null
                && persons.hasApplicationReviewedWithin(personId, user.scopePath(), true);
    }

    /** Whether the photo was uploaded by staff (not the person themself) of an organisation in the user's scope. */
    private boolean uploadedWithin(CurrentUser user, Photo photo) {
        return accounts.findByUsername(photo.uploadedBy())
                .filter(a -> a.personId() == null || a.personId() != photo.personId())
                .map(UserAccount::organisationId)
                .filter(org -> organisations.isInScope(user, org)).isPresent();
    }

    /** Checks the file, then makes it the person's current photo; nothing is written when a rule fails. */
    @Transactional
    public Photo upload(CurrentUser user, long personId, byte[] bytes, String via) {
        requireMayUpload(user, personId);
        PhotoRules.CheckedPhoto checked = rules.check(bytes);
        return store(user, personId, checked, via);
    }

    /** Stores a checked photo for a person the caller may upload for (see {@link #requireMayUpload}). */
    @Transactional
    public Photo store(CurrentUser user, long personId, PhotoRules.CheckedPhoto checked, String via) {
        // Serialises uploads for one person, so exactly one photo stays current.
        persons.lockById(personId).orElseThrow(() -> DomainException.notFound("person.not-found"));
        photos.retireCurrent(personId);
        Photo row = new Photo(null, personId, "image/jpeg", checked.jpeg().length, checked.width(), checked.height(),
                sha256(checked.jpeg()), true, user.username(), clock.instant().truncatedTo(ChronoUnit.MILLIS));
        GeneratedKey key = new GeneratedKey();
        photos.insert(row, checked.jpeg(), key);
        audit.record(user, "PHOTO_UPLOADED", "person", personId, "photo=" + key.value() + " via=" + via + " "
                + checked.width() + "x" + checked.height() + " bytes=" + checked.jpeg().length + " background="
                + checked.background(), null);
        events.publishEvent(new PhotoUploaded(personId, key.value()));
        return photos.findById(key.value()).orElseThrow();
    }

    /** The current photo and its bytes, for a caller who may see it; staff reads are audited. */
    @Transactional
    public CurrentPhoto current(CurrentUser user, long personId) {
        if (!maySee(user, personId)) {
            throw DomainException.notFound("person.not-found");
        }
        Photo photo = photos.findCurrent(personId).orElseThrow(() -> DomainException.notFound("photo.not-found"));
        byte[] content = photos.findContent(photo.id()).orElseThrow(() -> DomainException.notFound("photo.not-found"));
        if (user.personId() == null || user.personId() != personId) {
            audit.record(user, "PHOTO_VIEWED", "person", personId, "photo=" + photo.id(), null);
        }
        return new CurrentPhoto(photo, content);
    }

    public record CurrentPhoto(Photo photo, byte[] jpeg) {
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String sha256(String text) {
        return sha256(text.getBytes(StandardCharsets.UTF_8));
    }
}
