package cn.titlecert.certificate;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

import javax.imageio.ImageIO;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

import cn.titlecert.security.CurrentUser;

/**
 * The print view (R21): the signed certificate drawn as an A4 landscape page the browser prints at its real size.
 * It shows the PDF exactly as issued (same access rules as the download: the holder's own from release day, staff
 * in scope); a printout carries no digital signature, so the page says that its QR code is what verifies it.
 */
@Controller
class CertificatePrintController {

    /** Enough for a crisp A4 print of 16 pt text and a 40 mm QR code, small enough to send quickly. */
    private static final float DPI = 150;

    private final CertificateService certificates;

    CertificatePrintController(CertificateService certificates) {
        this.certificates = certificates;
    }

    @GetMapping("/certificates/{number}/print")
    String print(@AuthenticationPrincipal CurrentUser user, @PathVariable String number, Model model) {
        Certificate certificate = certificates.view(user, number);
        if (user.isHolderOnly() && !certificates.released(certificate)) {
            throw cn.titlecert.error.DomainException.forbidden("certificate.not-released",
                    certificate.releaseOn().toString());
        }
        model.addAttribute("certificate", certificate);
        return "certificate-print";
    }

    @GetMapping("/certificates/{number}/print.png")
    ResponseEntity<byte[]> image(@AuthenticationPrincipal CurrentUser user, @PathVariable String number) {
        byte[] pdf = certificates.download(user, number); // a staff member's print is audited like a download
        try (PDDocument document = Loader.loadPDF(pdf)) {
            BufferedImage page = new PDFRenderer(document).renderImageWithDPI(0, DPI, ImageType.RGB);
            ByteArrayOutputStream png = new ByteArrayOutputStream();
            ImageIO.write(page, "png", png);
            return ResponseEntity.ok().contentType(MediaType.IMAGE_PNG).header(HttpHeaders.CACHE_CONTROL, "no-store")
                    .body(png.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
