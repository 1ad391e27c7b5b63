package cn.titlecert.person;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.multipart.MultipartFile;

import cn.titlecert.audit.AuditTrail;
import cn.titlecert.error.DomainException;
import cn.titlecert.error.ErrorMessages;
import cn.titlecert.security.CurrentUser;

/**
 * The organizing unit's bulk photo upload (R15, Guangxi): a ZIP of {@code 姓名_身份证号.jpg} files. Each file is
 * matched to a person in the caller's scope, checked by the same rules as a single upload and stored in its own
 * transaction, so one bad file never holds back the others. The report masks the ID numbers of the names.
 */
@Service
public class PhotoArchiveImport {

    public enum Outcome { STORED, REFUSED }

    /** One file's fate: {@code code} and {@code message} say which rule it failed. */
    public record FileReport(int index, String file, Outcome outcome, Long personId, String code, String message) {
    }

    public record Report(int files, int stored, int refused, List<FileReport> results) {
    }

    private final PhotoService photos;
    private final PhotoRules rules;
    private final PersonService persons;
    private final PhotoProperties properties;
    private final ErrorMessages messages;
    private final AuditTrail audit;
    private final TransactionTemplate transactions;
    private final Clock clock;

    public PhotoArchiveImport(PhotoService photos, PhotoRules rules, PersonService persons, PhotoProperties properties,
            ErrorMessages messages, AuditTrail audit, PlatformTransactionManager transactionManager, Clock clock) {
        this.photos = photos;
        this.rules = rules;
        this.persons = persons;
        this.properties = properties;
        this.messages = messages;
        this.audit = audit;
        this.transactions = new TransactionTemplate(transactionManager);
        this.clock = clock;
    }

    /** An uploaded ZIP (the API's and the page's multipart field), kept in a temporary file while it is read. */
    public Report importUpload(CurrentUser user, MultipartFile archive) {
        if (!PhotoService.uploadsForOthers(user)) {
            throw DomainException.forbidden("forbidden");
        }
        if (archive == null || archive.isEmpty()) {
            throw DomainException.badRequest("photo-archive.required");
        }
        if (archive.getSize() > properties.archive().maxArchiveBytes()) {
            throw new DomainException(HttpStatus.PAYLOAD_TOO_LARGE, "upload-too-large");
        }
        Path zip = null;
        try {
            zip = Files.createTempFile("photos-", ".zip");
            archive.transferTo(zip);
            return importArchive(user, zip);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (zip != null) {
                try {
                    Files.deleteIfExists(zip);
                } catch (IOException ignored) {
                    // a temporary file; the operating system cleans its temp folder
                }
            }
        }
    }

    public Report importArchive(CurrentUser user, Path zip) {
        if (!PhotoService.uploadsForOthers(user)) {
            throw DomainException.forbidden("forbidden");
        }
        List<PhotoArchive.Entry> entries = PhotoArchive.read(zip, properties.maxBytes(), properties.archive());
        if (entries.isEmpty()) {
            throw DomainException.badRequest("photo-archive.empty");
        }
        List<FileReport> results = new ArrayList<>();
        for (PhotoArchive.Entry entry : entries) {
            results.add(importOne(user, entry));
        }
        int stored = (int) results.stream().filter(r -> r.outcome() == Outcome.STORED).count();
        transactions.executeWithoutResult(status -> audit.record(user, "PHOTO_ARCHIVE_IMPORTED", "photo", null,
                "files=" + results.size() + " stored=" + stored, null));
        return new Report(results.size(), stored, results.size() - stored, results);
    }

    private FileReport importOne(CurrentUser user, PhotoArchive.Entry entry) {
        String base = PhotoArchive.baseName(entry.name());
        Optional<FileName> parsed = FileName.parse(base, LocalDate.now(clock));
        String shown = parsed.map(FileName::masked).orElse(maskDigits(base));
        try {
            if (entry.refusal() != null) {
                throw DomainException.badRequest(entry.refusal());
            }
            FileName name = parsed.orElseThrow(() -> DomainException.badRequest("photo-archive.file-name"));
            Person person = persons.findByIdNumber(name.idNumber())
                    .filter(p -> photos.mayLookUp(user, p.id()))
                    .orElseThrow(() -> DomainException.badRequest("photo-archive.person-not-found"));
            if (!normalise(person.name()).equals(normalise(name.name()))) {
                throw DomainException.badRequest("photo-archive.name-mismatch");
            }
            if (entry.exceedsLimit()) {
                throw DomainException.badRequest("photo.too-large", properties.maxBytes() / 1024);
            }
            PhotoRules.CheckedPhoto checked = rules.check(entry.bytes());
            transactions.executeWithoutResult(status -> {
                photos.requireMayUpload(user, person.id());
                photos.store(user, person.id(), checked, "archive");
            });
            return new FileReport(entry.index(), shown, Outcome.STORED, person.id(), null, null);
        } catch (DomainException refused) {
            return new FileReport(entry.index(), shown, Outcome.REFUSED, null, refused.code(),
                    messages.text(refused.messageKey(), refused.args()));
        }
    }

    private static String normalise(String name) {
        return name.replaceAll("[\\s\\u3000]", "").replace('•', '·').replace('．', '·');
    }

    /** A name that could not be parsed may still hold an ID number: mask any long run of digits. */
    private static String maskDigits(String name) {
        return name.replaceAll("(\\d{4})\\d{6,}([\\dXx]{4})", "$1**********$2");
    }

    /** {@code 姓名_身份证号.jpg} (or .jpeg, any case). */
    record FileName(String name, IdNumber idNumber) {

        static Optional<FileName> parse(String base, LocalDate today) {
            String lower = base.toLowerCase(Locale.ROOT);
            String stem;
            if (lower.endsWith(".jpg")) {
                stem = base.substring(0, base.length() - 4);
            } else if (lower.endsWith(".jpeg")) {
                stem = base.substring(0, base.length() - 5);
            } else {
                return Optional.empty();
            }
            int separator = stem.lastIndexOf('_');
            if (separator <= 0 || separator == stem.length() - 1) {
                return Optional.empty();
            }
            String name = stem.substring(0, separator).strip();
            try {
                return Optional.of(new FileName(name, IdNumber.parse(IdType.RESIDENT_ID, stem.substring(separator + 1),
                        today)));
            } catch (DomainException notAnIdNumber) {
                return Optional.empty();
            }
        }

        String masked() {
            return name + "_" + idNumber.masked() + ".jpg";
        }
    }
}
