package cn.titlecert.verification;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.autoconfigure.web.servlet.MultipartProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

import cn.titlecert.error.ErrorMessages;

/**
 * Refuses an upload to {@code POST /api/public/verify-pdf} before its body is parsed (the servlet container parses a
 * multipart body, up to its own limit for every upload, before any controller runs): 429 over the client's rate
 * limit, 413 when the request announces more bytes than a certificate can take. Both as {@code {code, message}} in
 * the caller's language. A body sent without its length is measured once read, by the controller.
 */
class PdfUploadFilter extends OncePerRequestFilter {

    static final String PATH = "/api/public/verify-pdf";

    /** Room for the multipart boundaries and headers around the file. */
    static final long MULTIPART_OVERHEAD = 16 * 1024;

    private final PdfVerificationProperties properties;
    private final PdfVerificationLimiter limiter;
    private final ErrorMessages errors;
    private final long discardedAtMost;

    /** @param discardedAtMost the most of a refused body read (and dropped) so that the client gets the answer */
    PdfUploadFilter(PdfVerificationProperties properties, PdfVerificationLimiter limiter, ErrorMessages errors,
            long discardedAtMost) {
        this.properties = properties;
        this.limiter = limiter;
        this.errors = errors;
        this.discardedAtMost = discardedAtMost;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        RateLimiter.Decision decision = limiter.tryAcquire(request.getRemoteAddr());
        if (!decision.allowed()) {
            response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(decision.retryAfterSeconds()));
            errors.write(request, response, HttpStatus.TOO_MANY_REQUESTS, "too-many-requests");
            return;
        }
        long length = request.getContentLengthLong();
        if (length > properties.maxFileSize().toBytes() + MULTIPART_OVERHEAD) {
            discardBody(request, response, length);
            errors.write(request, response, HttpStatus.PAYLOAD_TOO_LARGE, "verification.file-too-large",
                    properties.maxFileSize().toMegabytes());
            return;
        }
        chain.doFilter(request, response);
    }

    /**
     * A client still sending when the connection closes may lose the answer (the reset discards it), so a body up to
     * what the container would read for any upload is read and dropped, costing bandwidth but no memory; a larger one
     * is left unread and the connection closed after the answer.
     */
    private void discardBody(HttpServletRequest request, HttpServletResponse response, long length) {
        if (length > discardedAtMost) {
            response.setHeader(HttpHeaders.CONNECTION, "close");
            return;
        }
        try (InputStream body = request.getInputStream()) {
            body.transferTo(OutputStream.nullOutputStream());
        } catch (IOException clientGone) {
            response.setHeader(HttpHeaders.CONNECTION, "close");
        }
    }

    /**
     * Before Spring Security, whose CSRF check may read the body's parameters. A refused body is read and dropped up
     * to the size the container would read for any upload ({@code spring.servlet.multipart.max-request-size}).
     */
    @Configuration(proxyBeanMethods = false)
    static class Registration {

        @Bean
        FilterRegistrationBean<PdfUploadFilter> pdfUploadFilter(PdfVerificationProperties properties,
                PdfVerificationLimiter limiter, ErrorMessages errors, MultipartProperties multipart) {
            FilterRegistrationBean<PdfUploadFilter> registration = new FilterRegistrationBean<>(
                    new PdfUploadFilter(properties, limiter, errors, multipart.getMaxRequestSize().toBytes()));
            registration.setName("pdf-upload");
            registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER - 1);
            registration.addUrlPatterns(PATH);
            return registration;
        }
    }
}
