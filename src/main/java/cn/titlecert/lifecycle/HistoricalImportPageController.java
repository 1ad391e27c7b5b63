package cn.titlecert.lifecycle;

import java.io.IOException;
import java.io.InputStream;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

import jakarta.servlet.http.HttpServletResponse;

import cn.titlecert.error.DomainException;
import cn.titlecert.error.ErrorMessages;
import cn.titlecert.security.CurrentUser;

/** The bureau's import page: the rules, the template, the upload form and the last upload's report. */
@Controller
class HistoricalImportPageController {

    private final HistoricalImportService imports;
    private final ImportSettings settings;
    private final ErrorMessages errors;

    HistoricalImportPageController(HistoricalImportService imports, ImportSettings settings, ErrorMessages errors) {
        this.imports = imports;
        this.settings = settings;
        this.errors = errors;
    }

    @GetMapping("/imports/certificates")
    String page(@AuthenticationPrincipal CurrentUser user, Model model) {
        HistoricalImportService.requireBureau(user);
        model.addAttribute("electronicSince", settings.electronicSince());
        model.addAttribute("maxMb", settings.maxFileSize().toMegabytes());
        model.addAttribute("maxRows", settings.maxRows());
        return "imports";
    }

    @PostMapping("/imports/certificates")
    String upload(@AuthenticationPrincipal CurrentUser user,
            @RequestParam(name = "file", required = false) MultipartFile file,
            @RequestParam(name = "mode", required = false) String mode, Model model, HttpServletResponse response)
            throws IOException {
        HistoricalImportService.requireBureau(user);
        try {
            if (file == null || file.isEmpty()) {
                throw DomainException.badRequest("import.empty-file");
            }
            try (InputStream in = file.getInputStream()) {
                HistoricalImportService.Report report = imports.importFile(user, file.getOriginalFilename(),
                        file.getSize(), in, ImportMode.parse(mode));
                model.addAttribute("report", report);
                if ("REJECTED".equals(report.outcome())) {
                    response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
                }
            }
        } catch (DomainException refused) {
            if (refused.status() == HttpStatus.FORBIDDEN) {
                throw refused;
            }
            response.setStatus(refused.status().value());
            model.addAttribute("error", errors.text(refused.messageKey(), refused.args()));
        }
        return page(user, model);
    }
}
