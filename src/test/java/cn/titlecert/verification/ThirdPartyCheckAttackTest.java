package cn.titlecert.verification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.transaction.support.TransactionTemplate;

import com.jayway.jsonpath.JsonPath;

import cn.titlecert.certificate.Certificate;
import cn.titlecert.notification.Notification;
import cn.titlecert.notification.Notifications;
import cn.titlecert.person.Person;
import cn.titlecert.person.PersonService;

/**
 * Third-party checks as an attacker would use them: reading the code from the database or the log. Every request
 * comes from another address, so the per-address limit is out of the way.
 */
@SpringBootTest
@AutoConfigureMockMvc
@ExtendWith(OutputCaptureExtension.class)
class ThirdPartyCheckAttackTest {

    private static final AtomicInteger ADDRESSES = new AtomicInteger();
    private static final Pattern CODE = Pattern.compile("验证码 (\\d{6})");
    private static final String TOPIC = "THIRD_PARTY_CODE";

    @Autowired MockMvc mvc;
    @Autowired PersonService persons;
    @Autowired IssuedCertificates issued;
    @Autowired ThirdPartyCheckMapper checks;
    @Autowired Notifications notifications;
    @Autowired JdbcTemplate jdbc;
    @Autowired TransactionTemplate transactions;

    record Holder(String idNumber, String phone, String number) {
    }

    private Holder holder() {
        Person person = issued.personWithPhoto("核验攻击");
        Certificate c = issued.certificate(person.id());
        return new Holder(persons.idNumberOf(person.id()).value(), persons.phoneOf(person.id()).orElseThrow().value(),
                c.number());
    }

    private static String anotherAddress() {
        int n = ADDRESSES.getAndIncrement();
        return "10.7." + (n / 250) + "." + (n % 250 + 1);
    }

    private ResultActions start(String idNumber, String number, String phone) throws Exception {
        String address = anotherAddress();
        return mvc.perform(post("/api/public/third-party-checks").with(r -> {
            r.setRemoteAddr(address);
            return r;
        }).contentType(MediaType.APPLICATION_JSON).content("{\"idNumber\":\"" + idNumber + "\",\"certificateNumber\":\""
                + number + "\",\"phone\":\"" + phone + "\"}"));
    }

    private ResultActions confirm(String id, String code) throws Exception {
        return mvc.perform(post("/api/public/third-party-checks/" + id + "/confirm").contentType(MediaType.APPLICATION_JSON)
                .content("{\"code\":\"" + code + "\"}"));
    }

    private static String id(ResultActions started) throws Exception {
        return JsonPath.read(started.andReturn().getResponse().getContentAsString(), "$.id");
    }

    /** The demo outbox's text of a check's message: the code in clear while it is valid. */
    private String outboxText(String checkId) {
        long notification = checks.findByPublicId(checkId).orElseThrow().notificationId();
        return notifications.outbox(100, TOPIC).stream().filter(n -> n.id() == notification).map(Notification::body)
                .findFirst().orElseThrow();
    }

    private String codeSentFor(String checkId) {
        Matcher m = CODE.matcher(outboxText(checkId));
        assertThat(m.find()).as("the code is in the outbox while it is valid").isTrue();
        return m.group(1);
    }

    /** A write of the test's own, committed (connections do not auto-commit). */
    private void update(String sql, Object... args) {
        transactions.executeWithoutResult(tx -> jdbc.update(sql, args));
    }


    @Test
    void noTableHoldsTheCodeInClear() throws Exception {
        Holder h = holder();
        String id = id(start(h.idNumber(), h.number(), h.phone()).andExpect(status().isAccepted()));
        String code = codeSentFor(id);
        ThirdPartyCheckMapper.Row row = checks.findByPublicId(id).orElseThrow();
        Map<String, Object> check = jdbc.queryForMap("SELECT * FROM third_party_check WHERE id = ?", row.id());
        Map<String, Object> message = jdbc.queryForMap("SELECT * FROM notification WHERE id = ?", row.notificationId());
        for (Map<String, Object> stored : List.of(check, message)) {
            stored.forEach((column, value) -> assertThat(String.valueOf(value)
                    // the certificate number and the check's id are no secret and could hold the digits by chance
                    .replace(h.number(), "").replace(id, "")).as(column).doesNotContain(code));
        }
        assertThat((String) message.get("body")).contains("验证码 ******：");
        assertThat((String) message.get("body_cipher")).as("kept encrypted while it may be needed").startsWith("v1:");
    }

    @Test
    void onceConfirmedTheMessageNoLongerHoldsTheCode() throws Exception {
        Holder h = holder();
        String id = id(start(h.idNumber(), h.number(), h.phone()).andExpect(status().isAccepted()));
        String code = codeSentFor(id);
        confirm(id, code).andExpect(status().isOk());
        long notification = checks.findByPublicId(id).orElseThrow().notificationId();
        assertThat(jdbc.queryForObject("SELECT body_cipher FROM notification WHERE id = ?", String.class, notification))
                .isNull();
        assertThat(outboxText(id)).contains("验证码 ******：", h.number()).doesNotContain(code);
    }

    @Test
    void anExpiredCodeIsPurgedThoughNobodyCameBack() throws Exception {
        Holder h = holder();
        String id = id(start(h.idNumber(), h.number(), h.phone()).andExpect(status().isAccepted()));
        String code = codeSentFor(id);
        long notification = checks.findByPublicId(id).orElseThrow().notificationId();
        Timestamp past = Timestamp.from(Instant.now().minusSeconds(1));
        update("UPDATE notification SET secret_until = ? WHERE id = ?", past, notification);
        update("UPDATE third_party_check SET expires_at = ? WHERE public_id = ?", past, id);
        assertThat(outboxText(id)).as("not shown once expired").doesNotContain(code);

        assertThat(notifications.purgeExpiredSecrets()).isPositive();
        assertThat(jdbc.queryForObject("SELECT body_cipher FROM notification WHERE id = ?", String.class, notification))
                .isNull();
        confirm(id, code).andExpect(status().isGone());
    }

    @Test
    void neitherTheCodeNorThePhoneIsLogged(CapturedOutput output) throws Exception {
        Holder h = holder();
        String id = id(start(h.idNumber(), h.number(), h.phone()).andExpect(status().isAccepted()));
        String code = codeSentFor(id);
        confirm(id, code.equals("000000") ? "111111" : "000000").andExpect(status().isBadRequest());
        confirm(id, code).andExpect(status().isOk());
        assertThat(output.getAll()).doesNotContain(code).doesNotContain(h.phone()).doesNotContain(h.idNumber());
    }
}
