package cn.titlecert.registration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
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
import cn.titlecert.person.IdNumber;
import cn.titlecert.person.IdType;
import cn.titlecert.person.NewPerson;
import cn.titlecert.person.Person;
import cn.titlecert.person.PersonService;
import cn.titlecert.person.PhoneNumber;
import cn.titlecert.privacy.Masking;
import cn.titlecert.security.UserAccountMapper;
import cn.titlecert.verification.IssuedCertificates;

/**
 * Holders registering themselves, and an attacker using the same door: answers that tell nothing about the records,
 * codes only to the phone on file, limits, wrong codes, weak passwords, and no code kept in clear. Each request comes
 * from an address of its own unless the per-address limit is what is tested.
 */
@SpringBootTest
@AutoConfigureMockMvc
class HolderRegistrationTest {

    private static final AtomicInteger ADDRESSES = new AtomicInteger();
    private static final Pattern CODE = Pattern.compile("验证码 (\\d{6})");
    private static final String PASSWORD = "Kettle42Lantern";

    @Autowired MockMvc mvc;
    @Autowired PersonService persons;
    @Autowired IssuedCertificates issued;
    @Autowired RegistrationMapper registrations;
    @Autowired UserAccountMapper accounts;
    @Autowired NotificationMapper notificationRows;
    @Autowired Notifications notifications;
    @Autowired RegistrationSettings settings;
    @Autowired JdbcTemplate jdbc;
    @Autowired TransactionTemplate transactions;

    record Holder(long personId, String name, String idNumber, String phone) {
    }

    private Holder holder(String name) {
        Person p = issued.personWithPhoto(name);
        return new Holder(p.id(), p.name(), persons.idNumberOf(p.id()).value(),
                persons.phoneOf(p.id()).orElseThrow().value());
    }

    private static String anotherAddress() {
        int n = ADDRESSES.getAndIncrement();
        return "10.9." + (n / 250) + "." + (n % 250 + 1);
    }

    private ResultActions start(String name, String idNumber, String phone) throws Exception {
        return startFrom(anotherAddress(), name, idNumber, phone);
    }

    private ResultActions startFrom(String address, String name, String idNumber, String phone) throws Exception {
        return mvc.perform(post("/api/public/registrations").with(r -> {
            r.setRemoteAddr(address);
            return r;
        }).contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"" + name + "\",\"idType\":\"RESIDENT_ID\","
                + "\"idNumber\":\"" + idNumber + "\",\"phone\":\"" + phone + "\"}"));
    }

    private ResultActions confirm(String id, String code, String username, String password, String language)
            throws Exception {
        return mvc.perform(post("/api/public/registrations/" + id + "/confirm").header("Accept-Language", language)
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"code\":\"" + code + "\",\"username\":\"" + username + "\",\"password\":\"" + password + "\"}"));
    }

    private static String id(ResultActions started) throws Exception {
        return JsonPath.read(started.andReturn().getResponse().getContentAsString(), "$.id");
    }

    private static String username() {
        return "reg" + Long.toString(System.nanoTime(), 36);
    }

    private Notification messageOf(String registrationId) {
        Long notification = registrations.findByPublicId(registrationId).orElseThrow().notificationId();
        assertThat(notification).as("a code was sent").isNotNull();
        return notifications.outbox(200, HolderRegistrations.CODE_TOPIC).stream()
                .filter(n -> n.id().equals(notification)).findFirst().orElseThrow();
    }

    private String codeSentFor(String registrationId) {
        Matcher m = CODE.matcher(messageOf(registrationId).body());
        assertThat(m.find()).as("the code is in the outbox while it is valid").isTrue();
        return m.group(1);
    }

    private int messages(String topic) {
        return notificationRows.findRecent(100_000, topic).size();
    }

    /** The first answer with what differs by design (a fresh random id, an expiry ten minutes from now) blanked. */
    private static String shape(MvcResult result) throws Exception {
        String body = result.getResponse().getContentAsString();
        String id = JsonPath.read(body, "$.id");
        String expiresAt = JsonPath.read(body, "$.expiresAt");
        return result.getResponse().getStatus() + " " + result.getResponse().getContentType() + " "
                + body.replace(id, "ID").replace(expiresAt, "EXPIRES");
    }

    private void update(String sql, Object... args) {
        transactions.executeWithoutResult(tx -> jdbc.update(sql, args));
    }

    @Test
    void aHolderWithCertificatesRegistersSignsInAndSeesTheirCertificates() throws Exception {
        Holder h = holder("注册甲");
        Certificate certificate = issued.certificate(h.personId());
        String id = id(start(h.name(), h.idNumber(), h.phone()).andExpect(status().isAccepted())
                .andExpect(header().string("Cache-Control", "no-store")));
        Notification message = messageOf(id);
        assertThat(message.recipientMasked()).as("to the phone on file").isEqualTo(Masking.phone(h.phone()));
        String code = codeSentFor(id);
        String username = username();

        confirm(id, code, username, PASSWORD, "zh-CN").andExpect(status().isCreated())
                .andExpect(jsonPath("$.username").value(username));

        mvc.perform(get("/api/me").with(httpBasic(username, PASSWORD))).andExpect(status().isOk())
                .andExpect(jsonPath("$.roles[0]").value("HOLDER"))
                .andExpect(jsonPath("$.person.id").value(h.personId()))
                .andExpect(jsonPath("$.person.idNumber").value(h.idNumber()))
                .andExpect(jsonPath("$.person.phone").value(h.phone()));
        String list = mvc.perform(get("/api/certificates").with(httpBasic(username, PASSWORD)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(JsonPath.<List<String>>read(list, "$[*].number")).containsExactly(certificate.number());
        assertThat(accounts.findByPersonId(h.personId()).orElseThrow().username()).isEqualTo(username);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM audit_log WHERE action = 'ACCOUNT_CREATED' AND entity_id = ?",
                Long.class, username)).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM audit_log WHERE action = 'HOLDER_REGISTERED' AND entity_id = ?",
                Long.class, String.valueOf(h.personId()))).isEqualTo(1);

        // Done: the code is gone from the message, and the registration cannot be used again.
        assertThat(messageOf(id).body()).doesNotContain(code).contains("******");
        confirm(id, code, username(), PASSWORD, "en").andExpect(status().isConflict())
                .andExpect(jsonPath("$.code").value("registration.used"));
    }

    @Test
    void mismatchesUnknownNumbersAndExistingAccountsGetTheSameAnswersAndNoAccount() throws Exception {
        Holder genuine = holder("注册乙");
        Holder wrongName = holder("注册丙");
        Holder wrongPhone = holder("注册丁");
        Holder registered = holder("注册戊");
        String first = id(start(registered.name(), registered.idNumber(), registered.phone()));
        confirm(first, codeSentFor(first), username(), PASSWORD, "zh-CN").andExpect(status().isCreated());
        Person withoutPhone = persons.register(new NewPerson("注册己", null, null,
                IdNumber.parse(IdType.RESIDENT_ID, TestIdNumbers.randomResidentId(), LocalDate.of(2026, 1, 1)), null,
                null));
        String unknown = TestIdNumbers.randomResidentId();
        int codesBefore = messages(HolderRegistrations.CODE_TOPIC);
        int noticesBefore = messages(HolderRegistrations.NOTICE_TOPIC);
        String stranger = TestIdNumbers.randomPhone();

        MvcResult match = start(genuine.name(), genuine.idNumber(), genuine.phone()).andReturn();
        List<MvcResult> others = new ArrayList<>(List.of(
                start("别人", wrongName.idNumber(), wrongName.phone()).andReturn(),
                start(wrongPhone.name(), wrongPhone.idNumber(), stranger).andReturn(),
                start(registered.name(), registered.idNumber(), registered.phone()).andReturn(),
                start(withoutPhone.name(), persons.idNumberOf(withoutPhone.id()).value(), stranger).andReturn(),
                start("陌生人", unknown, stranger).andReturn()));
        for (MvcResult other : others) {
            assertThat(shape(other)).isEqualTo(shape(match));
        }
        // Codes went to the genuine holder's phone on file and, for a number not on record, to the phone given; no
        // text to a phone a record does not have. The owner of the account hears that someone tried.
        assertThat(messages(HolderRegistrations.CODE_TOPIC) - codesBefore).isEqualTo(2);
        for (MvcResult mismatch : others.subList(0, 4)) {
            String id = JsonPath.read(mismatch.getResponse().getContentAsString(), "$.id");
            assertThat(registrations.findByPublicId(id).orElseThrow().notificationId()).isNull();
        }
        assertThat(messages(HolderRegistrations.NOTICE_TOPIC) - noticesBefore).isEqualTo(1);
        Notification notice = notifications.outbox(5, HolderRegistrations.NOTICE_TOPIC).get(0);
        assertThat(notice.recipientMasked()).isEqualTo(Masking.phone(registered.phone()));
        assertThat(notice.body()).contains("已有账号");

        // Whatever code is tried, every one of them fails the same way.
        String matchId = JsonPath.read(match.getResponse().getContentAsString(), "$.id");
        String wrong = codeSentFor(matchId).equals("000000") ? "000001" : "000000";
        String expected = confirm(matchId, wrong, username(), PASSWORD, "zh-CN").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("registration.code-wrong")).andReturn().getResponse()
                .getContentAsString();
        for (MvcResult other : others) {
            String id = JsonPath.read(other.getResponse().getContentAsString(), "$.id");
            String guess = registrations.findByPublicId(id).orElseThrow().notificationId() == null ? "123456"
                    : codeSentFor(id).equals("000000") ? "000001" : "000000";
            assertThat(confirm(id, guess, username(), PASSWORD, "zh-CN").andExpect(status().isBadRequest())
                    .andReturn().getResponse().getContentAsString()).isEqualTo(expected);
        }
        for (Holder h : List.of(genuine, wrongName, wrongPhone)) {
            assertThat(accounts.findByPersonId(h.personId())).isEmpty();
        }
        assertThat(accounts.findByPersonId(withoutPhone.id())).isEmpty();
        assertThat(persons.findByIdNumber(IdNumber.parse(IdType.RESIDENT_ID, unknown, LocalDate.of(2026, 1, 1))))
                .isEmpty();
    }

    @Test
    void aNumberNotOnRecordBecomesAPersonOnceTheCodeConfirmedThePhone() throws Exception {
        String idNumber = TestIdNumbers.randomResidentId();
        String phone = TestIdNumbers.randomPhone();
        String id = id(start("新注册", idNumber, phone).andExpect(status().isAccepted()));
        assertThat(messageOf(id).recipientMasked()).isEqualTo(Masking.phone(phone));
        String username = username();
        confirm(id, codeSentFor(id), username, PASSWORD, "zh-CN").andExpect(status().isCreated());

        Person person = persons.findByIdNumber(IdNumber.parse(IdType.RESIDENT_ID, idNumber, LocalDate.of(2026, 1, 1)))
                .orElseThrow();
        assertThat(person.name()).isEqualTo("新注册");
        assertThat(persons.phoneOf(person.id()).map(PhoneNumber::value)).contains(phone);
        mvc.perform(get("/api/me").with(httpBasic(username, PASSWORD))).andExpect(status().isOk())
                .andExpect(jsonPath("$.person.id").value(person.id()))
                .andExpect(jsonPath("$.person.idNumber").value(idNumber));
        mvc.perform(get("/api/certificates").with(httpBasic(username, PASSWORD))).andExpect(status().isOk())
                .andExpect(jsonPath("$.length()").value(0));
    }

    @Test
    void wrongCodesExhaustTheRegistration() throws Exception {
        Holder h = holder("注册庚");
        String id = id(start(h.name(), h.idNumber(), h.phone()));
        String code = codeSentFor(id);
        String wrong = code.equals("000000") ? "000001" : "000000";
        for (int left = settings.maxAttempts() - 1; left > 0; left--) {
            confirm(id, wrong, username(), PASSWORD, "en").andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.message").value("Wrong code; " + left + " tries left. No code? Check that "
                            + "your name and ID number are as given when you applied; if your phone number has changed, "
                            + "ask the issuing bureau."));
        }
        confirm(id, wrong, username(), PASSWORD, "zh-CN").andExpect(status().isConflict())
                .andExpect(jsonPath("$.code").value("registration.locked"));
        confirm(id, code, username(), PASSWORD, "zh-CN").andExpect(status().isConflict())
                .andExpect(jsonPath("$.code").value("registration.locked"));
        assertThat(accounts.findByPersonId(h.personId())).isEmpty();
        assertThat(messageOf(id).body()).doesNotContain(code);
        assertThat(jdbc.queryForObject("SELECT details_cipher FROM holder_registration WHERE public_id = ?",
                String.class, id)).as("what was entered is dropped").isNull();
    }

    @Test
    void anExpiredRegistrationIsRefused() throws Exception {
        Holder h = holder("注册辛");
        String id = id(start(h.name(), h.idNumber(), h.phone()));
        String code = codeSentFor(id);
        long rowId = registrations.findByPublicId(id).orElseThrow().id();
        transactions.executeWithoutResult(tx -> registrations.setExpiry(rowId, Instant.now().minusSeconds(1)));
        confirm(id, code, username(), PASSWORD, "en").andExpect(status().isGone())
                .andExpect(jsonPath("$.message").value("The code has expired (it is valid for 10 minutes); please start again."));
        assertThat(accounts.findByPersonId(h.personId())).isEmpty();
    }

    @Test
    void weakPasswordsAreRefusedWithTheRuleTheyBreakAndTheRegistrationStaysOpen() throws Exception {
        Holder h = holder("注册壬");
        String id = id(start(h.name(), h.idNumber(), h.phone()));
        String code = codeSentFor(id);
        String username = username();
        Map<String, String[]> refusals = Map.of(
                "short1a", new String[] {"password.too-short", "密码至少需要 10 位。", "The password must have at least 10 characters."},
                "onlyletterslong", new String[] {"password.letters-and-digits", "密码须同时包含字母和数字。",
                        "The password must contain both letters and digits."},
                "x" + h.idNumber(), new String[] {"password.personal", "密码不能包含您的证件号码、手机号码或用户名。",
                        "The password must not contain your ID number, phone number or username."},
                "pw" + h.phone(), new String[] {"password.personal", "密码不能包含您的证件号码、手机号码或用户名。",
                        "The password must not contain your ID number, phone number or username."},
                "Password123", new String[] {"password.common", "这个密码太常见，容易被猜中，请换一个。",
                        "This password is too common and easily guessed; please choose another."});
        for (Map.Entry<String, String[]> refusal : refusals.entrySet()) {
            confirm(id, code, username, refusal.getKey(), "zh-CN").andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.code").value(refusal.getValue()[0]))
                    .andExpect(jsonPath("$.message").value(refusal.getValue()[1]));
            confirm(id, code, username, refusal.getKey(), "en").andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.message").value(refusal.getValue()[2]));
        }
        assertThat(registrations.findByPublicId(id).orElseThrow().attempts()).as("no try used up").isZero();
        confirm(id, code, username, PASSWORD, "zh-CN").andExpect(status().isCreated());
    }

    @Test
    void startsAreLimitedPerPhonePerIdNumberAndPerAddress() throws Exception {
        String phone = TestIdNumbers.randomPhone();
        for (int i = 0; i < settings.perPhonePerHour(); i++) {
            start("某人", TestIdNumbers.randomResidentId(), phone).andExpect(status().isAccepted());
        }
        start("某人", TestIdNumbers.randomResidentId(), phone).andExpect(status().isTooManyRequests())
                .andExpect(header().exists("Retry-After"))
                .andExpect(jsonPath("$.code").value("registration.too-many-codes"));

        Holder h = holder("注册癸");
        for (int i = 0; i < settings.perIdNumberPerDay(); i++) {
            start(h.name(), h.idNumber(), TestIdNumbers.randomPhone()).andExpect(status().isAccepted());
        }
        int codes = messages(HolderRegistrations.CODE_TOPIC);
        start(h.name(), h.idNumber(), h.phone()).andExpect(status().isTooManyRequests())
                .andExpect(jsonPath("$.code").value("registration.too-many-codes"));
        assertThat(messages(HolderRegistrations.CODE_TOPIC)).as("not even the right phone gets one").isEqualTo(codes);
        // An unknown number over its limit gets the very same refusal.
        String unknown = TestIdNumbers.randomResidentId();
        for (int i = 0; i < settings.perIdNumberPerDay(); i++) {
            start("某人", unknown, TestIdNumbers.randomPhone()).andExpect(status().isAccepted());
        }
        start("某人", unknown, TestIdNumbers.randomPhone()).andExpect(status().isTooManyRequests())
                .andExpect(jsonPath("$.code").value("registration.too-many-codes"));

        String address = anotherAddress();
        int allowed = 0;
        while (startFrom(address, "某人", TestIdNumbers.randomResidentId(), TestIdNumbers.randomPhone()).andReturn()
                .getResponse().getStatus() == 202) {
            allowed++;
            assertThat(allowed).isLessThan(100);
        }
        assertThat(allowed).isEqualTo(5);
        startFrom(address, "某人", TestIdNumbers.randomResidentId(), TestIdNumbers.randomPhone())
                .andExpect(status().isTooManyRequests()).andExpect(header().exists("Retry-After"))
                .andExpect(jsonPath("$.code").value("too-many-requests"));
    }

    @Test
    void noTableHoldsTheCodeInClear() throws Exception {
        Holder h = holder("注册子");
        String id = id(start(h.name(), h.idNumber(), h.phone()));
        String code = codeSentFor(id);
        RegistrationMapper.Row row = registrations.findByPublicId(id).orElseThrow();
        Map<String, Object> registration = jdbc.queryForMap("SELECT * FROM holder_registration WHERE id = ?", row.id());
        Map<String, Object> message = jdbc.queryForMap("SELECT * FROM notification WHERE id = ?", row.notificationId());
        for (Map<String, Object> stored : List.of(registration, message)) {
            stored.forEach((column, value) -> assertThat(String.valueOf(value).replace(id, "")).as(column)
                    .doesNotContain(code).doesNotContain(h.idNumber()).doesNotContain(h.phone()));
        }
        assertThat((String) message.get("body")).contains("验证码 ******");
        assertThat(String.valueOf(registration.get("code_hash"))).hasSize(64);
        assertThat(String.valueOf(registration.get("details_cipher"))).startsWith("v1:");
    }
}
