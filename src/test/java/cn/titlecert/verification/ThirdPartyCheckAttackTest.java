package cn.titlecert.verification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
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
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.transaction.support.TransactionTemplate;

import com.jayway.jsonpath.JsonPath;

import cn.titlecert.TestIdNumbers;
import cn.titlecert.certificate.Certificate;
import cn.titlecert.notification.Notification;
import cn.titlecert.notification.NotificationMapper;
import cn.titlecert.notification.Notifications;
import cn.titlecert.person.Person;
import cn.titlecert.person.PersonService;

/**
 * Third-party checks as an attacker would use them: codes sent to one phone or asked for one certificate without
 * end, guessing the code, reading it from the database or the log. Every request comes from another address, so the
 * per-address limit is out of the way.
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
    @Autowired NotificationMapper notificationRows;
    @Autowired Notifications notifications;
    @Autowired OneTimeCodeLimits limits;
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

    /** A certificate number no certificate has. */
    private static String unknownNumber() {
        return "B2026" + String.format("%012d", ThreadLocalRandom.current().nextLong(1_000_000_000_000L));
    }

    private ResultActions start(String idNumber, String number, String phone) throws Exception {
        String address = anotherAddress();
        return mvc.perform(post("/api/public/third-party-checks").with(r -> {
            r.setRemoteAddr(address);
            return r;
        }).contentType(MediaType.APPLICATION_JSON).content("{\"idNumber\":\"" + idNumber + "\",\"certificateNumber\":\""
                + number + "\",\"phone\":\"" + phone + "\"}"));
    }

    /** A check for this phone or certificate that matches nothing (another ID number, another phone or number). */
    private String startUnmatched(String number, String phone) throws Exception {
        return id(start(TestIdNumbers.randomResidentId(), number, phone).andExpect(status().isAccepted()));
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

    private int codesSent() {
        return notificationRows.findRecent(100_000, TOPIC).size();
    }

    private static String body(MvcResult result) throws Exception {
        return result.getResponse().getContentAsString();
    }

    /** A write of the test's own, committed (connections do not auto-commit). */
    private void update(String sql, Object... args) {
        transactions.executeWithoutResult(tx -> jdbc.update(sql, args));
    }

    private void age(String checkId, Duration by) {
        ThirdPartyCheckMapper.Row row = checks.findByPublicId(checkId).orElseThrow();
        update("UPDATE third_party_check SET created_at = ? WHERE id = ?", Timestamp.from(row.createdAt().minus(by)),
                row.id());
    }

    @Test
    void onePhoneGetsNoMoreCodesAnHourWhateverTheCertificateAndTheRefusalSaysNothing() throws Exception {
        Holder h = holder();
        codeSentFor(id(start(h.idNumber(), h.number(), h.phone()).andExpect(status().isAccepted())));
        for (int i = 1; i < limits.perPhonePerHour(); i++) {
            startUnmatched(unknownNumber(), h.phone());
        }
        int sent = codesSent();
        MvcResult refused = start(h.idNumber(), h.number(), h.phone()).andExpect(status().isTooManyRequests())
                .andExpect(jsonPath("$.code").value("third-party.too-many-codes"))
                .andExpect(jsonPath("$.message").value("该手机号码或证书的核验请求过多，请稍后再试。"))
                .andExpect(header().exists("Retry-After")).andReturn();
        assertThat(codesSent()).as("no code sent").isEqualTo(sent);

        // A phone that belongs to nobody gets exactly the same answer at the same point.
        String nobody = TestIdNumbers.randomPhone();
        for (int i = 0; i < limits.perPhonePerHour(); i++) {
            startUnmatched(unknownNumber(), nobody);
        }
        MvcResult refusedToo = start(h.idNumber(), h.number(), nobody).andExpect(status().isTooManyRequests()).andReturn();
        assertThat(body(refusedToo)).isEqualTo(body(refused));
        assertThat(codesSent()).isEqualTo(sent);
    }

    @Test
    void onePhoneGetsNoMoreCodesADay() throws Exception {
        String phone = TestIdNumbers.randomPhone();
        List<String> started = new ArrayList<>();
        while (started.size() < limits.perPhonePerDay()) {
            for (int i = 0; i < limits.perPhonePerHour() && started.size() < limits.perPhonePerDay(); i++) {
                started.add(startUnmatched(unknownNumber(), phone));
            }
            // An hour later, as if: the hour's limit has room again, the day's does not forget.
            started.forEach(id -> age(id, Duration.ofMinutes(61)));
        }
        MvcResult refused = start(TestIdNumbers.randomResidentId(), unknownNumber(), phone)
                .andExpect(status().isTooManyRequests()).andExpect(jsonPath("$.code").value("third-party.too-many-codes"))
                .andReturn();
        assertThat(Long.parseLong(refused.getResponse().getHeader("Retry-After"))).as("until the day has room")
                .isGreaterThan(Duration.ofHours(1).toSeconds());

        started.forEach(id -> age(id, Duration.ofDays(1)));
        startUnmatched(unknownNumber(), phone);
    }

    @Test
    void oneCertificateGetsNoMoreChecksADayWhateverThePhoneAndTheRefusalSaysNothing() throws Exception {
        Holder h = holder();
        codeSentFor(id(start(h.idNumber(), h.number(), h.phone()).andExpect(status().isAccepted())));
        for (int i = 1; i < limits.perCertificatePerDay(); i++) {
            startUnmatched(h.number(), TestIdNumbers.randomPhone());
        }
        int sent = codesSent();
        MvcResult refused = start(h.idNumber(), h.number(), h.phone()).andExpect(status().isTooManyRequests())
                .andExpect(jsonPath("$.code").value("third-party.too-many-codes")).andReturn();
        assertThat(codesSent()).as("no code sent").isEqualTo(sent);

        // A number no certificate has, written in lower case: the same answer at the same point.
        String unknown = unknownNumber();
        for (int i = 0; i < limits.perCertificatePerDay(); i++) {
            startUnmatched(unknown, TestIdNumbers.randomPhone());
        }
        MvcResult refusedToo = start(h.idNumber(), unknown.toLowerCase(), TestIdNumbers.randomPhone())
                .andExpect(status().isTooManyRequests()).andReturn();
        assertThat(body(refusedToo)).isEqualTo(body(refused));
    }

    /** Two nodes share one database: requests at the same moment must not each see room for the last code. */
    @Test
    void requestsAtTheSameMomentDoNotShareOutMoreCodesThanTheLimit() throws Exception {
        String phone = TestIdNumbers.randomPhone();
        int requests = limits.perPhonePerHour() + 5;
        ExecutorService pool = Executors.newFixedThreadPool(requests);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                answers.add(pool.submit(() -> {
                    go.await();
                    return start(TestIdNumbers.randomResidentId(), unknownNumber(), phone).andReturn().getResponse()
                            .getStatus();
                }));
            }
            go.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> answer : answers) {
                statuses.add(answer.get(60, TimeUnit.SECONDS));
            }
            assertThat(statuses).filteredOn(s -> s == 202).hasSize(limits.perPhonePerHour());
            assertThat(statuses).filteredOn(s -> s == 429).hasSize(requests - limits.perPhonePerHour());
        } finally {
            pool.shutdownNow();
        }
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
        assertThat(String.valueOf(check.get("phone_index"))).hasSize(64).doesNotContain(h.phone().substring(3));
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
        for (int i = 0; i <= limits.perPhonePerHour(); i++) {
            start(TestIdNumbers.randomResidentId(), unknownNumber(), h.phone());
        }
        assertThat(output.getAll()).doesNotContain(code).doesNotContain(h.phone()).doesNotContain(h.idNumber());
    }
}
