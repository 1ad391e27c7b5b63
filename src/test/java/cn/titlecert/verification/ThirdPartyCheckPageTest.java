package cn.titlecert.verification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import cn.titlecert.TestIdNumbers;
import cn.titlecert.certificate.Certificate;
import cn.titlecert.notification.Notification;
import cn.titlecert.notification.Notifications;
import cn.titlecert.person.Person;
import cn.titlecert.person.PersonService;

/** The public third-party check page (R24): no login, CSRF-protected forms, every outcome in words. */
@SpringBootTest
@AutoConfigureMockMvc
class ThirdPartyCheckPageTest {

    private static final AtomicInteger CLIENTS = new AtomicInteger(1);
    private static final Pattern CODE = Pattern.compile("验证码 (\\d{6})");
    private static final Pattern CONFIRM = Pattern.compile("action=\"/third-party-check/([A-Za-z0-9_-]{43})\"");

    @Autowired MockMvc mvc;
    @Autowired PersonService persons;
    @Autowired IssuedCertificates issued;
    @Autowired Notifications outbox;
    @Autowired ThirdPartyCheckMapper checks;
    @Autowired OneTimeCodeLimits limits;

    private final String client = "10.8.0." + CLIENTS.getAndIncrement();
    private final MockHttpSession session = new MockHttpSession();

    private RequestPostProcessor from(String address) {
        return request -> {
            request.setRemoteAddr(address);
            return request;
        };
    }

    record Holder(String idNumber, String phone, String number) {
    }

    /** A holder of this test's own: checks are limited per phone and per certificate. */
    private Holder holder() {
        Person person = issued.personWithPhoto("核验页面");
        Certificate c = issued.certificate(person.id());
        return new Holder(persons.idNumberOf(person.id()).value(), persons.phoneOf(person.id()).orElseThrow().value(),
                c.number());
    }

    private ResultActions start(Holder h, String phone) throws Exception {
        return mvc.perform(post("/third-party-check").session(session).with(csrf()).with(from(client))
                .param("idNumber", h.idNumber()).param("certificateNumber", h.number()).param("phone", phone));
    }

    private ResultActions confirm(String id, String code) throws Exception {
        return mvc.perform(post("/third-party-check/" + id).session(session).with(csrf()).param("code", code));
    }

    private static String body(ResultActions result) throws Exception {
        return result.andReturn().getResponse().getContentAsString();
    }

    private static String checkId(String page) {
        Matcher m = CONFIRM.matcher(page);
        assertThat(m.find()).as("the code form").isTrue();
        return m.group(1);
    }

    /** The code sent for a check, from the demo outbox (which shows it while it is valid). */
    private String codeSentFor(String checkId) {
        long notification = checks.findByPublicId(checkId).orElseThrow().notificationId();
        Notification sent = outbox.outbox(50, "THIRD_PARTY_CODE").stream().filter(n -> n.id() == notification)
                .findFirst().orElseThrow();
        Matcher m = CODE.matcher(sent.body());
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    private static String otherThan(String code) {
        return code.equals("000000") ? "111111" : "000000";
    }

    @Test
    void aVerifierWithoutAnAccountSeesTheCertificateAfterEnteringTheCode() throws Exception {
        assertThat(body(mvc.perform(get("/login")))).contains("/third-party-check");
        String form = body(mvc.perform(get("/third-party-check").session(session)).andExpect(status().isOk()));
        assertThat(form).contains("id=\"check-start\"", "name=\"_csrf\"").doesNotContain("id=\"logout\"");

        Holder h = holder();
        String page = body(start(h, h.phone()).andExpect(status().isOk()));
        assertThat(page).contains("验证码已发送到持证人的手机", "id=\"check-expires\"");
        String id = checkId(page);
        String code = codeSentFor(id);

        assertThat(body(confirm(id, otherThan(code)).andExpect(status().isBadRequest())))
                .contains("验证码不正确，还可尝试 4 次。", "id=\"check-confirm\"");
        String result = body(confirm(id, code).andExpect(status().isOk()));
        assertThat(result).contains("id=\"check-result\"", "有效证书", h.number(),
                h.idNumber().substring(0, 4) + "**********" + h.idNumber().substring(14))
                .doesNotContain(h.idNumber()).doesNotContain(h.phone());
        assertThat(body(confirm(id, code).andExpect(status().isConflict()))).contains("该验证码已使用");
    }

    @Test
    void lockedExpiredUnknownAndBadInputAreShownInWords() throws Exception {
        Holder h = holder();
        String id = checkId(body(start(h, h.phone())));
        String code = codeSentFor(id);
        for (int i = 0; i < 4; i++) {
            confirm(id, otherThan(code)).andExpect(status().isBadRequest());
        }
        assertThat(body(confirm(id, otherThan(code)).andExpect(status().isConflict())))
                .contains("验证码错误次数过多，本次核验已锁定").contains("id=\"check-again\"");

        String expiring = checkId(body(start(h, h.phone())));
        String second = codeSentFor(expiring);
        checks.setExpiry(checks.findByPublicId(expiring).orElseThrow().id(), Instant.now().minusSeconds(1));
        assertThat(body(confirm(expiring, second).andExpect(status().isGone()))).contains("验证码已过期");

        assertThat(body(confirm("forged", "123456").andExpect(status().isNotFound()))).contains("未找到该核验请求");
        assertThat(body(mvc.perform(post("/third-party-check").session(session).with(csrf()).with(from(client))
                .param("idNumber", "120101198805120015").param("certificateNumber", h.number()).param("phone", h.phone()))
                .andExpect(status().isBadRequest()))).contains("id=\"flash-error\"");
        assertThat(body(mvc.perform(post("/third-party-check").session(session).with(csrf()).with(from(client))
                .header("Accept-Language", "en").param("idNumber", h.idNumber()).param("certificateNumber", "")
                .param("phone", h.phone())).andExpect(status().isBadRequest())))
                .contains("the certificate number and the holder");
    }

    @Test
    void formsNeedTheCsrfTokenAndStartingIsRateLimited() throws Exception {
        Holder h = holder();
        mvc.perform(post("/third-party-check").with(from(client)).param("idNumber", h.idNumber())
                .param("certificateNumber", h.number()).param("phone", TestIdNumbers.randomPhone()))
                .andExpect(status().isForbidden());
        // Other phones each time: this is the per-address limit, not the per-phone one.
        for (int i = 0; i < 5; i++) {
            start(h, TestIdNumbers.randomPhone()).andExpect(status().isOk());
        }
        assertThat(body(start(h, TestIdNumbers.randomPhone()).andExpect(status().isTooManyRequests())))
                .contains("请求过于频繁");
    }

    @Test
    void tooManyChecksForOnePhoneAreRefusedInWords() throws Exception {
        Holder h = holder();
        for (int i = 0; i < limits.perPhonePerHour(); i++) {
            start(h, h.phone()).andExpect(status().isOk());
        }
        ResultActions refused = start(h, h.phone()).andExpect(status().isTooManyRequests())
                .andExpect(header().exists("Retry-After"));
        assertThat(body(refused)).contains("该手机号码或证书的核验请求过多", "id=\"flash-error\"")
                .doesNotContain("验证码已发送到持证人的手机");
    }
}
