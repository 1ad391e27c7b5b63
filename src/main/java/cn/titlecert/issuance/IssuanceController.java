package cn.titlecert.issuance;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;

import jakarta.validation.constraints.NotNull;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import cn.titlecert.certificate.Certificate;
import cn.titlecert.certificate.CertificateMapper;
import cn.titlecert.person.Person;
import cn.titlecert.person.PersonService;
import cn.titlecert.application.Application;
import cn.titlecert.application.ApplicationMapper;
import cn.titlecert.security.CurrentUser;

/** The issuing bureau's monthly batch (R7–R9): run or advance it, follow it, check its cases, approve it. */
@RestController
@RequestMapping("/api/issuance/{month}")
class IssuanceController {

    private final IssuanceOperations operations;
    private final ApplicationMapper applications;
    private final PersonService persons;
    private final CertificateMapper certificates;

    IssuanceController(IssuanceOperations operations, ApplicationMapper applications, PersonService persons,
            CertificateMapper certificates) {
        this.operations = operations;
        this.applications = applications;
        this.persons = persons;
        this.certificates = certificates;
    }

    @GetMapping
    IssuanceOperations.BatchView status(@AuthenticationPrincipal CurrentUser user, @PathVariable String month) {
        return operations.view(operations.bureauOf(user).id(), IssuanceOperations.parseMonth(month));
    }

    /** Starts the month's cycle now, or advances a running one. 202: the work goes on in the background. */
    @PostMapping
    ResponseEntity<IssuanceOperations.BatchView> runNow(@AuthenticationPrincipal CurrentUser user,
            @PathVariable String month) {
        YearMonth yearMonth = IssuanceOperations.parseMonth(month);
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .body(operations.runNow(operations.bureauOf(user).id(), yearMonth));
    }

    record CaseView(long applicationId, String holderName, String titleName, String titleLevel, ItemStatus status,
            String certificateNumber, String excludedReason) {
    }

    @GetMapping("/cases")
    List<CaseView> cases(@AuthenticationPrincipal CurrentUser user, @PathVariable String month,
            @RequestParam(defaultValue = "0") int offset, @RequestParam(defaultValue = "100") int limit) {
        return operations.items(user, IssuanceOperations.parseMonth(month), offset, limit).stream().map(this::view)
                .toList();
    }

    record Exclusion(@NotNull Long applicationId, String reason) {
    }

    @PostMapping("/exclusions")
    CaseView exclude(@AuthenticationPrincipal CurrentUser user, @PathVariable String month,
            @RequestBody Exclusion exclusion) {
        if (exclusion == null || exclusion.applicationId() == null) {
            throw cn.titlecert.error.DomainException.badRequest("issuance.case-required");
        }
        return view(operations.exclude(user, IssuanceOperations.parseMonth(month), exclusion.applicationId(),
                exclusion.reason()));
    }

    record Approval(LocalDate grantDate, String grantAuthority, String documentNumber) {
    }

    @PostMapping("/approval")
    IssuanceOperations.BatchView approve(@AuthenticationPrincipal CurrentUser user, @PathVariable String month,
            @RequestBody Approval approval) {
        return operations.approve(user, IssuanceOperations.parseMonth(month), approval.grantDate(),
                approval.grantAuthority(), approval.documentNumber());
    }

    private CaseView view(IssuanceItem item) {
        Application a = applications.findById(item.applicationId()).orElseThrow();
        String name = persons.find(item.personId()).map(Person::name).orElse(null);
        String number = item.certificateId() == null ? null
                : certificates.findById(item.certificateId()).map(Certificate::number).orElse(null);
        return new CaseView(a.id(), name, a.titleName(), a.titleLevel().name(), item.status(), number,
                item.excludedReason());
    }
}
