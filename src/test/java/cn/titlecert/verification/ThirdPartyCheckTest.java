package cn.titlecert.verification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import com.jayway.jsonpath.JsonPath;

import cn.titlecert.TestIdNumbers;
import cn.titlecert.certificate.Certificate;
import cn.titlecert.notification.NotificationMapper;
import cn.titlecert.person.Person;
import cn.titlecert.person.PersonService;

/**
 * A stranger checks a holder's certificate with the code sent to the holder's phone (R24). Each test has a holder
 * of its own: checks are limited per phone and per certificate.
 */
@SpringBootTest
@AutoConfigureMockMvc
class ThirdPartyCheckTest {

    private static final AtomicInteger CLIENTS = new AtomicInteger(1);
    private static final Pattern CODE = Pattern.compile("验证码 (\\d{6})");

    @Autowired MockMvc mvc;
    @Autowired PersonService persons;
    @Autowired IssuedCertificates issued;
    @Autowired NotificationMapper outbox;
    @Autowired ThirdPartyCheckMapper checks;

    /** Each test from its own address, so the per-address limit of one test does not touch another. */
    private final String client = "10.9.0." + CLIENTS.getAndIncrement();

    private RequestPostProcessor from(String address) {
        return request -> {
            request.setRemoteAddr(address);
            return request;
        };
    }

    record Holder(String idNumber, String phone, String number) {
    }

    private Holder holder() {
        Person person = issued.personWithPhoto("核验测试");
        Certificate c = issued.certificate(person.id());
        return new Holder(persons.idNumberOf(person.id()).value(), persons.phoneOf(person.id()).orElseThrow().value(),
                c.number());
    }

    private ResultActions start(String idNumber, String number, String phone) throws Exception {
        return mvc.perform(post("/api/public/third-party-checks").with(from(client)).contentType(MediaType.APPLICATION_JSON)
                .content("{\"idNumber\":\"" + idNumber + "\",\"certificateNumber\":\"" + number + "\",\"phone\":\"" + phone
                        + "\"}"));
    }

    private ResultActions confirm(String id, String code) throws Exception {
        return mvc.perform(post("/api/public/third-party-checks/" + id + "/confirm").contentType(MediaType.APPLICATION_JSON)
                .content("{\"code\":\"" + code + "\"}"));
    }

    private static String id(ResultActions started) throws Exception {
        return JsonPath.read(started.andReturn().getResponse().getContentAsString(), "$.id");
    }

    /** The text message of a check as the demo outbox shows it to the administrator. */
    private String outboxText(String checkId) throws Exception {
        long notification = checks.findByPublicId(checkId).orElseThrow().notificationId();
        String json = mvc.perform(get("/api/admin/outbox").param("topic", "THIRD_PARTY_CODE").with(httpBasic("admin", "demo")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        List<Map<String, Object>> entries = JsonPath.read(json, "$[?(@.id == " + notification + ")]");
        assertThat(entries).hasSize(1);
        return (String) entries.get(0).get("text");
    }

    /** The code sent for a check, read from the demo outbox as the holder would read the message. */
    private String codeSentFor(String checkId) throws Exception {
        Matcher m = CODE.matcher(outboxText(checkId));
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    private static String otherThan(String code) {
        return code.equals("000000") ? "111111" : "000000";
    }

    @Test
    void theCodeSentToTheHoldersPhoneShowsTheCertificateOnce() throws Exception {
        Holder h = holder();
        String id = id(start(h.idNumber(), h.number(), h.phone()).andExpect(status().isAccepted())
                .andExpect(jsonPath("$.expiresAt").isString()));
        String code = codeSentFor(id);
        confirm(id, otherThan(code)).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("third-party.code-wrong"))
                .andExpect(jsonPath("$.message").value("验证码不正确，还可尝试 4 次。"));
        confirm(id, code).andExpect(status().isOk())
                .andExpect(jsonPath("$.number").value(h.number()))
                .andExpect(jsonPath("$.status").value("VALID"))
                .andExpect(jsonPath("$.idNumber").value(h.idNumber().substring(0, 4) + "**********"
                        + h.idNumber().substring(14)));
        confirm(id, code).andExpect(status().isConflict()).andExpect(jsonPath("$.code").value("third-party.used"));
        assertThat(outboxText(id)).as("used: the message keeps the code masked").contains("验证码 ******：")
                .doesNotContain(code);
    }

    @Test
    void fiveWrongCodesKillTheCheck() throws Exception {
        Holder h = holder();
        String id = id(start(h.idNumber(), h.number(), h.phone()).andExpect(status().isAccepted()));
        String code = codeSentFor(id);
        for (int i = 0; i < 4; i++) {
            confirm(id, otherThan(code)).andExpect(status().isBadRequest());
        }
        confirm(id, otherThan(code)).andExpect(status().isConflict()).andExpect(jsonPath("$.code").value("third-party.locked"));
        confirm(id, code).andExpect(status().isConflict()).andExpect(jsonPath("$.code").value("third-party.locked"));
        assertThat(checks.findByPublicId(id).orElseThrow().status()).isEqualTo("LOCKED");
        assertThat(outboxText(id)).as("a dead check's code is not kept").doesNotContain(code);
    }

    @Test
    void anExpiredCodeIsRefused() throws Exception {
        Holder h = holder();
        String id = id(start(h.idNumber(), h.number(), h.phone()).andExpect(status().isAccepted()));
        String code = codeSentFor(id);
        checks.setExpiry(checks.findByPublicId(id).orElseThrow().id(), Instant.now().minusSeconds(1));
        confirm(id, code).andExpect(status().isGone()).andExpect(jsonPath("$.code").value("third-party.expired"));
        assertThat(outboxText(id)).doesNotContain(code);
    }

    @Test
    void aRequestThatMatchesNothingLooksTheSameAndSendsNothing() throws Exception {
        Holder h = holder();
        long before = outbox.findRecent(1000, "THIRD_PARTY_CODE").size();
        String id = id(start(h.idNumber(), h.number(), TestIdNumbers.randomPhone()).andExpect(status().isAccepted())
                .andExpect(jsonPath("$.id").isString()).andExpect(jsonPath("$.expiresAt").isString()));
        assertThat(outbox.findRecent(1000, "THIRD_PARTY_CODE")).hasSize((int) before);
        confirm(id, "123456").andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("third-party.code-wrong"));
        confirm("forged-id", "123456").andExpect(status().isNotFound());
    }

    @Test
    void badInputGetsAClearErrorAndTooManyRequestsAreRefused() throws Exception {
        Holder h = holder();
        start("120101198805120015", h.number(), h.phone()).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("id-number.check-digit"));
        start(h.idNumber(), h.number(), "12345").andExpect(status().isBadRequest());
        start(h.idNumber(), "", h.phone()).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("third-party.fields-required"));
        String other = TestIdNumbers.randomPhone();
        start(h.idNumber(), h.number(), other).andExpect(status().isAccepted());
        start(h.idNumber(), h.number(), other).andExpect(status().isAccepted());
        start(h.idNumber(), h.number(), other).andExpect(status().isTooManyRequests())
                .andExpect(jsonPath("$.code").value("too-many-requests"));
    }
}
