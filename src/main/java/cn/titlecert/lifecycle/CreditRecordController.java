package cn.titlecert.lifecycle;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;

import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import cn.titlecert.error.DomainException;
import cn.titlecert.person.IdType;
import cn.titlecert.security.CurrentUser;

/**
 * The credit archive's API (R19). A record names its person by {@code personId} or by ID number; ID numbers are
 * sent in request bodies only ({@code POST …/search}), never in a URL. Records are amended or withdrawn, never
 * deleted.
 */
@RestController
class CreditRecordController {

    private final CreditArchive archive;

    CreditRecordController(CreditArchive archive) {
        this.archive = archive;
    }

    record CreateRequest(Long personId, IdType idType, String idNumber, CreditRecordKind kind,
            String certificateNumber, String facts, String evidenceReference, CreditDecision decision,
            Integer recordYears, LocalDate decidedOn) {

        CreditArchive.NewRecord toNewRecord() {
            return new CreditArchive.NewRecord(new CreditArchive.PersonRef(personId, idType, idNumber), kind,
                    certificateNumber, facts, evidenceReference, decision, recordYears, decidedOn);
        }
    }

    record SearchRequest(Long personId, IdType idType, String idNumber, CreditRecordStatus status, Integer page,
            Integer size) {
    }

    record WithdrawalRequest(String reason) {
    }

    @PostMapping(path = "/api/credit-records", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<CreditArchive.RecordView> create(@AuthenticationPrincipal CurrentUser user,
            @RequestBody CreateRequest request) {
        return created(archive.record(user, request.toNewRecord(), List.of()));
    }

    /** The same with evidence files: part {@code record} (JSON) and any number of parts {@code evidence}. */
    @PostMapping(path = "/api/credit-records", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<CreditArchive.RecordView> createWithEvidence(@AuthenticationPrincipal CurrentUser user,
            @RequestPart(name = "record", required = false) CreateRequest request,
            @RequestPart(name = "evidence", required = false) List<MultipartFile> evidence) {
        if (!CreditArchive.mayRecord(user)) {
            throw DomainException.forbidden("forbidden");
        }
        if (request == null) {
            throw DomainException.badRequest("credit.record-required");
        }
        return created(archive.record(user, request.toNewRecord(), files(evidence)));
    }

    @GetMapping("/api/credit-records")
    List<CreditArchive.RecordView> list(@AuthenticationPrincipal CurrentUser user,
            @RequestParam(required = false) Long personId, @RequestParam(required = false) CreditRecordStatus status,
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        return archive.list(user, personId == null ? null : new CreditArchive.PersonRef(personId, null, null), status,
                page, size);
    }

    /** Records of the person with this ID number (sent in the body, so it stays out of URLs and access logs). */
    @PostMapping(path = "/api/credit-records/search", consumes = MediaType.APPLICATION_JSON_VALUE)
    List<CreditArchive.RecordView> search(@AuthenticationPrincipal CurrentUser user,
            @RequestBody SearchRequest request) {
        return archive.list(user, new CreditArchive.PersonRef(request.personId(), request.idType(), request.idNumber()),
                request.status(), request.page() == null ? 0 : request.page(),
                request.size() == null ? 50 : request.size());
    }

    @GetMapping("/api/persons/{personId}/credit-records")
    List<CreditArchive.RecordView> ofPerson(@AuthenticationPrincipal CurrentUser user, @PathVariable long personId,
            @RequestParam(required = false) CreditRecordStatus status) {
        return archive.list(user, new CreditArchive.PersonRef(personId, null, null), status, 0, CreditArchive.MAX_PAGE);
    }

    @GetMapping("/api/credit-records/{id}")
    CreditArchive.RecordView one(@AuthenticationPrincipal CurrentUser user, @PathVariable long id) {
        return archive.one(user, id);
    }

    @PostMapping(path = "/api/credit-records/{id}/amendments", consumes = MediaType.APPLICATION_JSON_VALUE)
    CreditArchive.RecordView amend(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
            @RequestBody CreditArchive.Amendment amendment) {
        return archive.amend(user, id, amendment);
    }

    @PostMapping(path = "/api/credit-records/{id}/withdrawal", consumes = MediaType.APPLICATION_JSON_VALUE)
    CreditArchive.RecordView withdraw(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
            @RequestBody WithdrawalRequest request) {
        return archive.withdraw(user, id, request.reason());
    }

    @PostMapping(path = "/api/credit-records/{id}/evidence", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    CreditArchive.RecordView addEvidence(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
            @RequestPart(name = "evidence", required = false) List<MultipartFile> evidence) {
        if (!CreditArchive.mayRecord(user)) {
            throw DomainException.forbidden("forbidden");
        }
        return archive.addEvidence(user, id, files(evidence));
    }

    @GetMapping("/api/credit-records/{id}/evidence/{evidenceId}")
    ResponseEntity<byte[]> evidence(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
            @PathVariable long evidenceId) {
        CreditArchive.EvidenceContent found = archive.evidence(user, id, evidenceId);
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(found.evidence().contentType()))
                .cacheControl(CacheControl.noStore())
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(found.evidence().fileName(), StandardCharsets.UTF_8).build().toString())
                .header("X-Content-Type-Options", "nosniff")
                .body(found.content());
    }

    static List<CreditArchive.EvidenceFile> files(List<MultipartFile> parts) {
        if (parts == null) {
            return List.of();
        }
        return parts.stream().map(p -> new CreditArchive.EvidenceFile(p.getOriginalFilename(), p.getSize(), () -> {
            try {
                return p.getBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        })).toList();
    }

    private static ResponseEntity<CreditArchive.RecordView> created(CreditArchive.RecordView view) {
        return ResponseEntity.created(URI.create("/api/credit-records/" + view.id())).body(view);
    }
}
