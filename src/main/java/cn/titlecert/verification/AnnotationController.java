package cn.titlecert.verification;

import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import cn.titlecert.security.CurrentUser;

/**
 * {@code POST /api/certificates/{number}/annotations} (holder, own certificate): the annotated copy's sealed PDF,
 * 201 with its re-download address in {@code Location}. {@code GET …/annotations} lists the copies made;
 * {@code GET …/annotations/{id}/pdf} downloads one again.
 */
@RestController
@RequestMapping("/api/certificates/{number}/annotations")
class AnnotationController {

    private final Annotations annotations;

    AnnotationController(Annotations annotations) {
        this.annotations = annotations;
    }

    record AnnotationRequest(String scenario) {
    }

    record AnnotationListItem(long id, String scenario, LocalDate annotatedOn, LocalDate expiresOn, boolean expired,
            Instant createdAt, String pdfUrl) {
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<byte[]> annotate(@AuthenticationPrincipal CurrentUser user, @PathVariable String number,
            @RequestBody(required = false) AnnotationRequest body) {
        Annotations.Annotated made = annotations.annotate(user, number, body == null ? null : body.scenario());
        Annotation a = made.annotation();
        return ResponseEntity.status(HttpStatus.CREATED).location(URI.create(pdfUrl(number, a.id())))
                .header("X-Annotation-Id", a.id().toString())
                .header("X-Annotation-Expires-On", a.expiresOn().toString())
                .headers(pdfHeaders(number, a.id()))
                .body(made.pdf());
    }

    @GetMapping
    List<AnnotationListItem> list(@AuthenticationPrincipal CurrentUser user, @PathVariable String number) {
        LocalDate today = annotations.today();
        return annotations.list(user, number).stream().map(a -> new AnnotationListItem(a.id(), a.scenario(),
                a.annotatedOn(), a.expiresOn(), a.expiredOn(today), a.createdAt(), pdfUrl(number, a.id()))).toList();
    }

    @GetMapping("/{id}/pdf")
    ResponseEntity<byte[]> pdf(@AuthenticationPrincipal CurrentUser user, @PathVariable String number,
            @PathVariable long id) {
        byte[] pdf = annotations.pdf(user, number, id);
        return ResponseEntity.ok().headers(pdfHeaders(number, id)).body(pdf);
    }

    private static HttpHeaders pdfHeaders(String number, long id) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_PDF);
        headers.setContentDisposition(ContentDisposition.attachment().filename(number + "-annotated-" + id + ".pdf").build());
        headers.setCacheControl("no-store");
        return headers;
    }

    static String pdfUrl(String number, long id) {
        return "/api/certificates/" + number + "/annotations/" + id + "/pdf";
    }
}
