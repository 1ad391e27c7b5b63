package cn.titlecert.lifecycle;

import java.net.URI;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import cn.titlecert.error.DomainException;
import cn.titlecert.lifecycle.Corrections.CorrectionView;
import cn.titlecert.security.CurrentUser;

/**
 * Asking for a correction or a reissue (R17) and following it. JSON (evidence inline, base64) for integrators;
 * multipart (fields {@code kind}, {@code reason}, {@code change.<field>}, files {@code evidence}) for the page.
 */
@RestController
class CorrectionController {

    private final Corrections corrections;

    CorrectionController(Corrections corrections) {
        this.corrections = corrections;
    }

    record InlineEvidence(String fileName, String contentBase64) {
    }

    record JsonCorrection(String kind, Map<String, String> changes, String reason, List<InlineEvidence> evidence) {
    }

    @PostMapping(path = "/api/certificates/{number}/corrections", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<CorrectionView> requestJson(@AuthenticationPrincipal CurrentUser user, @PathVariable String number,
            @RequestBody JsonCorrection body) {
        List<CorrectionEvidenceStore.Upload> files = new ArrayList<>();
        if (body.evidence() != null) {
            for (InlineEvidence e : body.evidence()) {
                if (e == null) {
                    throw DomainException.badRequest("correction.evidence-invalid", "");
                }
                try {
                    files.add(new CorrectionEvidenceStore.Upload(e.fileName(),
                            Base64.getDecoder().decode(e.contentBase64() == null ? "" : e.contentBase64().replaceAll("\\s", ""))));
                } catch (IllegalArgumentException notBase64) {
                    throw DomainException.badRequest("correction.evidence-invalid",
                            CorrectionEvidenceStore.displayName(e.fileName()));
                }
            }
        }
        return created(corrections.request(user, number,
                new CorrectionRequest(body.kind(), body.changes(), body.reason()), files));
    }

    @PostMapping(path = "/api/certificates/{number}/corrections", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<CorrectionView> requestMultipart(@AuthenticationPrincipal CurrentUser user,
            @PathVariable String number, @RequestParam MultiValueMap<String, String> fields,
            @RequestPart(name = "evidence", required = false) List<MultipartFile> evidence) {
        CorrectionForm form = CorrectionForm.of(fields, evidence);
        return created(corrections.request(user, number, form.request(), form.files()));
    }

    @GetMapping("/api/corrections")
    List<CorrectionView> list(@AuthenticationPrincipal CurrentUser user,
            @RequestParam(defaultValue = "false") boolean waiting,
            @RequestParam(defaultValue = "50") int limit, @RequestParam(defaultValue = "0") int offset) {
        // waiting=true: only those whose current step is the caller's organisation's to decide.
        return waiting ? corrections.waitingFor(user) : corrections.visibleTo(user, limit, offset);
    }

    @GetMapping("/api/corrections/{id}")
    CorrectionView one(@AuthenticationPrincipal CurrentUser user, @PathVariable long id) {
        return corrections.find(user, id);
    }

    record DecisionRequest(String decision, String decisionReason) {
    }

    @PostMapping("/api/corrections/{id}/decision")
    CorrectionView decide(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
            @RequestBody DecisionRequest body) {
        return corrections.decide(user, id, body.decision(), body.decisionReason());
    }

    @GetMapping("/api/corrections/{id}/evidence/{evidenceId}")
    ResponseEntity<byte[]> evidence(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
            @PathVariable long evidenceId) {
        CorrectionEvidenceStore.Download file = corrections.evidence(user, id, evidenceId);
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(file.contentType()))
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment().filename(file.fileName(), java.nio.charset.StandardCharsets.UTF_8)
                                .build().toString())
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .header("X-Content-Type-Options", "nosniff")
                .body(file.content());
    }

    private static ResponseEntity<CorrectionView> created(CorrectionView view) {
        return ResponseEntity.created(URI.create("/api/corrections/" + view.id())).body(view);
    }
}
