package cn.titlecert.verification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import com.jayway.jsonpath.JsonPath;

import cn.titlecert.certificate.HostilePdfs;

/**
 * {@code verify-pdf} cannot be used to exhaust a node: a decompression bomb is refused within its budget, eight of
 * them at once leave the node answering, too many pages or objects and oversize uploads are refused with their own
 * codes, and one address is rate limited.
 */
@SpringBootTest
@AutoConfigureMockMvc
class PdfVerificationLimitsTest {

    /** Each test uploads from its own addresses, so the shared limiter's buckets do not interfere. */
    private static final AtomicInteger ADDRESSES = new AtomicInteger(1);

    static final long GIGABYTE = 1L << 30;

    /** About a megabyte that inflates to a gigabyte. */
    static byte[] bomb;

    @Autowired
    MockMvc mvc;

    @Autowired
    IssuedCertificates issued;

    @Autowired
    PdfVerificationProperties properties;

    @BeforeAll
    static void buildTheBomb() {
        bomb = HostilePdfs.objectStreamBomb(GIGABYTE);
        assertThat(bomb.length).isBetween(1 << 20, 2 << 20);
    }

    private static String address() {
        return "203.0.113." + ADDRESSES.getAndIncrement();
    }

    private ResultActions upload(String address, byte[] pdf, String language) throws Exception {
        return mvc.perform(multipart("/api/public/verify-pdf")
                .file(new MockMultipartFile("file", "c.pdf", "application/pdf", pdf))
                .header("Accept-Language", language).with(r -> {
                    r.setRemoteAddr(address);
                    return r;
                }));
    }

    /** Bytes allocated so far by every live thread (the check runs on threads of its own). */
    private static long allocatedByAllThreads() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        return Arrays.stream(threads.getThreadAllocatedBytes(threads.getAllThreadIds())).filter(b -> b > 0).sum();
    }

    @Test
    void aDecompressionBombIsRefusedAtOnceWithoutInflating() throws Exception {
        long allocatedBefore = allocatedByAllThreads();
        long start = System.nanoTime();
        upload(address(), bomb, "zh-CN").andExpect(status().isUnprocessableEntity())
                .andExpect(jsonPath("$.code").value("verification.content-too-large"))
                .andExpect(jsonPath("$.message").value(containsString("4 MB")));
        long millis = (System.nanoTime() - start) / 1_000_000;
        long allocated = allocatedByAllThreads() - allocatedBefore;
        assertThat(millis).as("answered in ms").isLessThan(5_000);
        assertThat(allocated).as("bytes allocated while the bomb was checked").isLessThan(GIGABYTE / 4);

        upload(address(), bomb, "en").andExpect(status().isUnprocessableEntity())
                .andExpect(jsonPath("$.message").value("This PDF unpacks to more than 4 MB; it is not a certificate we issued."));
    }

    @Test
    void eightBombsAtOnceLeaveTheNodeServing() throws Exception {
        IssuedCertificates.Issued certificate = issued.issue(issued.personWithPhoto("卫九").id());
        int uploaders = 8;
        int uploadsEach = 5;
        ExecutorService clients = Executors.newFixedThreadPool(uploaders);
        ConcurrentLinkedQueue<String> answers = new ConcurrentLinkedQueue<>();
        List<Future<?>> running = new ArrayList<>();
        long allocatedBefore = allocatedByAllThreads();
        for (int i = 0; i < uploaders; i++) {
            String from = address();
            running.add(clients.submit(() -> {
                for (int n = 0; n < uploadsEach; n++) {
                    MockHttpServletResponse response = upload(from, bomb, "zh-CN").andReturn().getResponse();
                    answers.add(response.getStatus() + " "
                            + JsonPath.read(response.getContentAsString(StandardCharsets.UTF_8), "$.code"));
                }
                return null;
            }));
        }
        int probes = 0;
        long slowestProbeMillis = 0;
        while (running.stream().anyMatch(f -> !f.isDone())) {
            long start = System.nanoTime();
            mvc.perform(get("/actuator/health/liveness")).andExpect(status().isOk())
                    .andExpect(jsonPath("$.status").value("UP"));
            mvc.perform(get("/api/public/verify/" + certificate.token())).andExpect(status().isOk())
                    .andExpect(jsonPath("$.certificate.status").value("VALID"));
            slowestProbeMillis = Math.max(slowestProbeMillis, (System.nanoTime() - start) / 1_000_000);
            probes++;
        }
        for (Future<?> upload : running) {
            upload.get(); // rethrows a client's failure
        }
        clients.shutdown();
        assertThat(clients.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        long allocated = allocatedByAllThreads() - allocatedBefore;

        assertThat(probes).as("probes answered while the bombs were checked").isPositive();
        assertThat(slowestProbeMillis).isLessThan(5_000);
        assertThat(answers).hasSize(uploaders * uploadsEach)
                .allMatch(a -> a.equals("422 verification.content-too-large") || a.equals("429 verification.busy"))
                .contains("422 verification.content-too-large");
        assertThat(allocated).as("bytes allocated for %d bombs of a gigabyte", answers.size()).isLessThan(GIGABYTE);
    }

    @Test
    void tooManyPagesOrObjectsAreRefusedWithTheirOwnCodes() throws Exception {
        String from = address();
        upload(from, HostilePdfs.pages(properties.maxPages() + 1), "zh-CN").andExpect(status().isUnprocessableEntity())
                .andExpect(jsonPath("$.code").value("verification.too-many-pages"))
                .andExpect(jsonPath("$.message").value(containsString("10")));
        upload(from, HostilePdfs.objects(properties.maxObjects() + 100, true), "en")
                .andExpect(status().isUnprocessableEntity())
                .andExpect(jsonPath("$.code").value("verification.too-many-objects"))
                .andExpect(jsonPath("$.message")
                        .value("This PDF is too complex (more than 1,000 objects); it is not a certificate we issued."));
        // Within the limits, such a file is read and refused for carrying no seal.
        upload(from, HostilePdfs.pages(2), "zh-CN").andExpect(status().isUnprocessableEntity())
                .andExpect(jsonPath("$.code").value("verification.not-signed"));
    }

    @Test
    void oneAddressIsRateLimitedAnotherIsNot() throws Exception {
        String from = address();
        byte[] notAPdf = "not a pdf".getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < properties.limit(); i++) {
            upload(from, notAPdf, "zh-CN").andExpect(status().isBadRequest());
        }
        upload(from, notAPdf, "zh-CN").andExpect(status().isTooManyRequests())
                .andExpect(header().exists("Retry-After"))
                .andExpect(jsonPath("$.code").value("too-many-requests"))
                .andExpect(jsonPath("$.message").value("请求过于频繁，请稍后再试。"));
        upload(from, notAPdf, "en").andExpect(status().isTooManyRequests())
                .andExpect(jsonPath("$.message").value("Too many requests; please try again later."));
        upload(address(), notAPdf, "zh-CN").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("verification.not-a-pdf"));
    }

    @Test
    void anOversizeUploadAnswers413InTheCallersLanguage() throws Exception {
        byte[] oversize = new byte[(int) properties.maxFileSize().toBytes() + 1];
        System.arraycopy("%PDF-1.7\n".getBytes(StandardCharsets.ISO_8859_1), 0, oversize, 0, 9);
        String from = address();
        upload(from, oversize, "zh-CN").andExpect(status().isPayloadTooLarge())
                .andExpect(jsonPath("$.code").value("verification.file-too-large"))
                .andExpect(jsonPath("$.message").value("文件大于 2 MB，不是本系统签发的证书（证书文件远小于此）。"));
        upload(from, oversize, "en").andExpect(status().isPayloadTooLarge())
                .andExpect(jsonPath("$.code").value("verification.file-too-large"))
                .andExpect(jsonPath("$.message").value("The file is larger than 2 MB; a certificate we issued is much smaller."));
    }
}
