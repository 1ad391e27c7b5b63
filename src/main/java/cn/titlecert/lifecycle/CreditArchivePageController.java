package cn.titlecert.lifecycle;

import java.time.LocalDate;
import java.util.List;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import cn.titlecert.error.DomainException;
import cn.titlecert.error.ErrorMessages;
import cn.titlecert.person.IdType;
import cn.titlecert.security.CurrentUser;

/**
 * The credit archive page: staff record misuse and look records up by ID number (sent by POST, never in the
 * URL); a holder sees the records entered under their name.
 */
@Controller
class CreditArchivePageController {

    private final CreditArchive archive;
    private final CreditArchiveProperties properties;
    private final ErrorMessages errors;

    CreditArchivePageController(CreditArchive archive, CreditArchiveProperties properties, ErrorMessages errors) {
        this.archive = archive;
        this.properties = properties;
        this.errors = errors;
    }

    @GetMapping("/credit-records")
    String page(@AuthenticationPrincipal CurrentUser user, Model model) {
        return render(user, model, archive.list(user, null, null, 0, CreditArchive.MAX_PAGE));
    }

    @PostMapping("/credit-records/search")
    String search(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) String idNumber,
            Model model, HttpServletResponse response) {
        try {
            List<CreditArchive.RecordView> found = archive.list(user,
                    new CreditArchive.PersonRef(null, IdType.RESIDENT_ID, idNumber), null, 0, CreditArchive.MAX_PAGE);
            model.addAttribute("searched", true);
            return render(user, model, found);
        } catch (DomainException refused) {
            return refused(user, refused, model, response);
        }
    }

    @PostMapping("/credit-records")
    String record(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) String idNumber,
            @RequestParam(required = false) CreditRecordKind kind,
            @RequestParam(required = false) String certificateNumber, @RequestParam(required = false) String facts,
            @RequestParam(required = false) String evidenceReference,
            @RequestParam(required = false) CreditDecision decision,
            @RequestParam(required = false) Integer recordYears,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate decidedOn,
            @RequestParam(name = "evidence", required = false) List<MultipartFile> evidence, Model model,
            RedirectAttributes redirect, HttpServletResponse response) {
        try {
            CreditArchive.RecordView created = archive.record(user, new CreditArchive.NewRecord(
                    new CreditArchive.PersonRef(null, IdType.RESIDENT_ID, idNumber), kind, certificateNumber, facts,
                    evidenceReference, decision, recordYears, decidedOn), CreditRecordController.files(evidence));
            redirect.addFlashAttribute("message", errors.text("credit.recorded", created.id()));
            return "redirect:/credit-records";
        } catch (DomainException refused) {
            return refused(user, refused, model, response);
        }
    }

    @PostMapping("/credit-records/{id}/withdrawal")
    String withdraw(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
            @RequestParam(required = false) String reason, Model model, RedirectAttributes redirect,
            HttpServletResponse response) {
        try {
            archive.withdraw(user, id, reason);
            redirect.addFlashAttribute("message", errors.text("credit.withdrawnMessage", id));
            return "redirect:/credit-records";
        } catch (DomainException refused) {
            return refused(user, refused, model, response);
        }
    }

    /** A 403 shows the error page; any other refusal the form again, with its message, nothing stored. */
    private String refused(CurrentUser user, DomainException refused, Model model, HttpServletResponse response) {
        if (refused.status().value() == 403) {
            throw refused;
        }
        response.setStatus(refused.status().value());
        model.addAttribute("error", errors.text(refused.messageKey(), refused.args()));
        return render(user, model, archive.list(user, null, null, 0, CreditArchive.MAX_PAGE));
    }

    private String render(CurrentUser user, Model model, List<CreditArchive.RecordView> records) {
        model.addAttribute("records", records);
        model.addAttribute("mayRecord", CreditArchive.mayRecord(user));
        model.addAttribute("holder", user.isHolderOnly());
        model.addAttribute("kinds", CreditRecordKind.values());
        model.addAttribute("decisions", CreditDecision.values());
        model.addAttribute("maxMb", properties.evidenceMaxBytes() / 1024 / 1024);
        return "credit-records";
    }
}
