package cn.titlecert.person;

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

/**
 * The organizing unit's bulk photo page (R15, Guangxi): upload a ZIP of {@code 姓名_身份证号.jpg} files and read
 * the per-file report (ID numbers masked) in the user's language. Staff who collect photos only.
 */
@Controller
class PhotoArchivePageController {

    private final PhotoArchiveImport archives;
    private final PhotoProperties properties;
    private final ErrorMessages errors;

    PhotoArchivePageController(PhotoArchiveImport archives, PhotoProperties properties, ErrorMessages errors) {
        this.archives = archives;
        this.properties = properties;
        this.errors = errors;
    }

    @GetMapping("/photos/archive")
    String page(@AuthenticationPrincipal CurrentUser user, Model model) {
        if (!PhotoService.uploadsForOthers(user)) {
            throw DomainException.forbidden("forbidden");
        }
        model.addAttribute("maxKb", properties.maxBytes() / 1024);
        model.addAttribute("maxArchiveMb", properties.archive().maxArchiveBytes() / (1024 * 1024));
        model.addAttribute("maxEntries", properties.archive().maxEntries());
        return "photo-archive";
    }

    @PostMapping("/photos/archive")
    String upload(@AuthenticationPrincipal CurrentUser user,
            @RequestParam(name = "archive", required = false) MultipartFile archive, Model model,
            HttpServletResponse response) {
        try {
            model.addAttribute("report", archives.importUpload(user, archive));
        } catch (DomainException refused) {
            if (refused.status() == HttpStatus.FORBIDDEN || refused.status() == HttpStatus.NOT_FOUND) {
                throw refused;
            }
            response.setStatus(refused.status().value());
            model.addAttribute("error", errors.text(refused.messageKey(), refused.args()));
        }
        return page(user, model);
    }
}
