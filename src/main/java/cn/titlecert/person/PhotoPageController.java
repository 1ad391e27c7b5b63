package cn.titlecert.person;

import java.util.Optional;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import jakarta.servlet.http.HttpServletResponse;

import cn.titlecert.error.DomainException;
import cn.titlecert.error.ErrorMessages;
import cn.titlecert.security.CurrentUser;

/** The holder's photo page: the rules, the current photo as a preview, and a form to upload a new one. */
@Controller
class PhotoPageController {

    private final PhotoService photos;
    private final PhotoMapper photoRows;
    private final PhotoProperties properties;
    private final ErrorMessages errors;

    PhotoPageController(PhotoService photos, PhotoMapper photoRows, PhotoProperties properties, ErrorMessages errors) {
        this.photos = photos;
        this.photoRows = photoRows;
        this.properties = properties;
        this.errors = errors;
    }

    @GetMapping("/photo")
    String page(@AuthenticationPrincipal CurrentUser user, Model model) {
        long personId = ownPerson(user);
        Optional<Photo> current = photoRows.findCurrent(personId);
        model.addAttribute("personId", personId);
        model.addAttribute("photo", current.orElse(null));
        model.addAttribute("maxKb", properties.maxBytes() / 1024);
        model.addAttribute("minWidth", properties.minWidth());
        model.addAttribute("minHeight", properties.minHeight());
        model.addAttribute("tolerance", Math.round(properties.aspectTolerance() * 100));
        return "photo";
    }

    @PostMapping("/photo")
    String upload(@AuthenticationPrincipal CurrentUser user,
            @RequestParam(name = "photo", required = false) MultipartFile file, Model model,
            RedirectAttributes redirect, HttpServletResponse response) {
        long personId = ownPerson(user);
        try {
            photos.upload(user, personId, PhotoController.bytesOf(file, properties.maxBytes()), "page");
        } catch (DomainException refused) {
            if (refused.status() != HttpStatus.BAD_REQUEST) {
                throw refused;
            }
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("error", errors.text(refused.messageKey(), refused.args()));
            return page(user, model);
        }
        redirect.addFlashAttribute("message", errors.text("photo.uploaded"));
        return "redirect:/photo";
    }

    private static long ownPerson(CurrentUser user) {
        if (user.personId() == null) {
            throw DomainException.notFound("person.not-found");
        }
        return user.personId();
    }
}
