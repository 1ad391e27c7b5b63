package cn.titlecert.error;

import java.io.IOException;
import java.util.Locale;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Uploads refused by the servlet container for their size ({@code spring.servlet.multipart.*}). Their form fields
 * are lost with the file, the CSRF token among them, so Spring Security refuses them first, as forged: the refusal
 * should say what is wrong instead (413, the upload is too large).
 */
public final class OversizeUploads {

    private OversizeUploads() {
    }

    /** Whether this request is a multipart upload whose parts the container refused to read for their size. */
    public static boolean refused(HttpServletRequest request) {
        String type = request.getContentType();
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("multipart/")) {
            return false;
        }
        try {
            // Read once already (by the CSRF check's getParameter); the container keeps the outcome.
            request.getParts();
            return false;
        } catch (IllegalStateException tooLarge) {
            return true; // how the container reports a size limit exceeded
        } catch (IOException | ServletException unreadable) {
            return false;
        }
    }
}
