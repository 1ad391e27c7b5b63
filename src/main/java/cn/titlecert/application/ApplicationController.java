package cn.titlecert.application;

import java.net.URI;
import java.util.List;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import cn.titlecert.security.CurrentUser;

@RestController
@RequestMapping("/api/applications")
class ApplicationController {

    private final ApplicationService service;
    private final ApplicationQueries queries;
    private final ApplicationRevision revision;

    ApplicationController(ApplicationService service, ApplicationQueries queries, ApplicationRevision revision) {
        this.service = service;
        this.queries = queries;
        this.revision = revision;
    }

    @PostMapping
    ResponseEntity<ApplicationView> submit(@AuthenticationPrincipal CurrentUser user,
            @RequestBody ApplicationRequest request) {
        Application created = service.submit(user, request);
        return ResponseEntity.created(URI.create("/api/applications/" + created.id())).body(queries.view(created));
    }

    @GetMapping("/{id}")
    ApplicationView one(@AuthenticationPrincipal CurrentUser user, @PathVariable long id) {
        return queries.view(queries.require(user, id));
    }

    @GetMapping
    List<ApplicationView> list(@AuthenticationPrincipal CurrentUser user,
            @RequestParam(required = false) ApplicationStatus status,
            @RequestParam(required = false) AcquisitionPath path,
            @RequestParam(defaultValue = "false") boolean late,
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        return queries.list(user, status, path, late, page, size).stream().map(queries::view).toList();
    }

    /** The applicant corrects a returned application and sends it back into review. */
    @PutMapping("/{id}")
    ApplicationView resubmit(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
            @RequestBody ApplicationRequest request) {
        return queries.view(revision.resubmit(user, id, request));
    }
}
