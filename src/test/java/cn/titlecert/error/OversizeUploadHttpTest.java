package cn.titlecert.error;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.jayway.jsonpath.JsonPath;

/**
 * An upload over the servlet container's multipart limit ({@code spring.servlet.multipart.max-file-size}, 20MB), over
 * real HTTP where the container reads the body: 413 with {@code {code, message}} in the caller's language for the
 * API, the error page saying so for pages (whose CSRF token is lost with the file).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class OversizeUploadHttpTest {

    /** Just above the container's limit. */
    static final long OVERSIZE = (20L << 20) + (256 << 10);

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> send(HttpClient client, HttpRequest.Builder request) throws Exception {
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
    }

    @Test
    void theApiAnswers413InTheCallersLanguage() throws Exception {
        for (String language : new String[] {"zh-CN", "en"}) {
            HttpResponse<String> response = send(http, request("/api/public/verify-pdf")
                    .header("Content-Type", MultipartBody.CONTENT_TYPE).header("Accept-Language", language)
                    .POST(new MultipartBody().file("file", "application/pdf", "%PDF-1.7\n".getBytes(StandardCharsets.ISO_8859_1),
                            OVERSIZE).chunked()));
            assertThat(response.statusCode()).isEqualTo(413);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/json"));
            assertThat(JsonPath.<String>read(response.body(), "$.code")).isEqualTo("upload-too-large");
            assertThat(JsonPath.<String>read(response.body(), "$.message"))
                    .isEqualTo(language.equals("en") ? "The uploaded file is too large." : "上传的文件过大。");
        }
    }

    @Test
    void aPageShowsTheErrorPageSayingTheFileIsTooLarge() throws Exception {
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        Pattern csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
        Matcher loginToken = csrf.matcher(send(browser, request("/login")).body());
        assertThat(loginToken.find()).isTrue();
        HttpResponse<String> login = send(browser, request("/login")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=holder&password=demo&_csrf="
                        + URLEncoder.encode(loginToken.group(1), StandardCharsets.UTF_8))));
        assertThat(login.statusCode()).isEqualTo(302);
        Matcher token = csrf.matcher(send(browser, request("/photo")).body());
        assertThat(token.find()).isTrue();

        // As a browser sends the photo form: the token first, then the file, with the body's length.
        HttpResponse<String> response = send(browser, request("/photo")
                .header("Content-Type", MultipartBody.CONTENT_TYPE).header("Accept", "text/html")
                .POST(new MultipartBody().field("_csrf", token.group(1))
                        .file("photo", "image/jpeg", new byte[0], OVERSIZE).withLength()));
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/html"));
        assertThat(response.body()).contains("上传的文件过大。");
    }
}
