package cn.titlecert.verification;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.jayway.jsonpath.JsonPath;

import cn.titlecert.certificate.CertificateIssuer;
import cn.titlecert.certificate.CertificateMapper;
import cn.titlecert.error.MultipartBody;
import cn.titlecert.privacy.PersonalDataCipher;

/**
 * Uploads to {@code verify-pdf} over real HTTP, where the servlet container reads the multipart body (MockMvc does
 * not): an upload announcing more than verify-pdf's limit is refused before it is parsed, one sent without its length
 * once read, both 413 {@code {code, message}} in the caller's language; a certificate of ours still verifies.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PdfVerificationHttpTest {

    @LocalServerPort
    int port;

    @Autowired
    PdfVerificationProperties properties;

    @Autowired
    IssuedCertificates issued;

    @Autowired
    CertificateMapper certificates;

    @Autowired
    PersonalDataCipher cipher;

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> post(HttpRequest.BodyPublisher body, String language) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/public/verify-pdf"))
                .header("Content-Type", MultipartBody.CONTENT_TYPE).header("Accept-Language", language).POST(body).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static MultipartBody pdfOf(long size) {
        return new MultipartBody().file("file", "application/pdf", "%PDF-1.7\n".getBytes(StandardCharsets.ISO_8859_1),
                size - 9);
    }

    private static void assertTooLarge(HttpResponse<String> response, String language) {
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        assertThat(JsonPath.<String>read(response.body(), "$.code")).isEqualTo("verification.file-too-large");
        assertThat(JsonPath.<String>read(response.body(), "$.message")).isEqualTo(language.equals("en")
                ? "The file is larger than 2 MB; a certificate we issued is much smaller."
                : "文件大于 2 MB，不是本系统签发的证书（证书文件远小于此）。");
    }

    @Test
    void anUploadAnnouncingMoreThanTheLimitIsRefusedBeforeItIsParsed() throws Exception {
        for (String language : new String[] {"zh-CN", "en"}) {
            assertTooLarge(post(pdfOf(properties.maxFileSize().toBytes() + (64 << 10)).withLength(), language), language);
        }
        // Far more, still within what the container would read for any upload: the same answer.
        assertTooLarge(post(pdfOf(20L << 20).withLength(), "en"), "en");
    }

    @Test
    void anUploadWithoutItsLengthIsMeasuredOnceRead() throws Exception {
        for (String language : new String[] {"zh-CN", "en"}) {
            assertTooLarge(post(pdfOf(properties.maxFileSize().toBytes() + 1).chunked(), language), language);
        }
    }

    @Test
    void ourCertificateStillVerifies() throws Exception {
        IssuedCertificates.Issued certificate = issued.issue(issued.personWithPhoto("蒋十一").id());
        byte[] pdf = cipher.decryptBytes(CertificateIssuer.PDF_FIELD,
                certificates.findPdf(certificate.certificate().number()).orElseThrow());
        HttpResponse<String> response = post(new MultipartBody().file("file", "application/pdf", pdf).withLength(),
                "zh-CN");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(JsonPath.<Boolean>read(response.body(), "$.valid")).isTrue();
        assertThat(JsonPath.<String>read(response.body(), "$.number")).isEqualTo(certificate.certificate().number());
    }
}
