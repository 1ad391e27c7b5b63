package cn.titlecert.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpServer;

/**
 * Delivery outside the demo: e-mail through a real SMTP server (GreenMail) and text messages through an HTTP
 * gateway started by the test; retries, giving up, and the recipient kept encrypted. A message carrying a secret
 * (a one-time code) goes out in full and keeps only its masked text once sent or given up.
 */
@SpringBootTest(properties = {"titlecert.notifications.delivery=send", "titlecert.notifications.max-attempts=2",
        "titlecert.notifications.poll-interval=PT1H", "titlecert.notifications.sms.token=gateway-secret",
        "titlecert.notifications.email-from=noreply@titlecert.test"})
class NotificationDeliveryTest {

    static final GreenMail SMTP = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    static final HttpServer GATEWAY;
    static final List<String> RECEIVED = new CopyOnWriteArrayList<>();
    static final List<String> AUTHORIZATION = new CopyOnWriteArrayList<>();
    static final AtomicInteger STATUS = new AtomicInteger(200);

    static {
        SMTP.start();
        try {
            GATEWAY = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        GATEWAY.createContext("/sms", exchange -> {
            RECEIVED.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            AUTHORIZATION.add(exchange.getRequestHeaders().getFirst("Authorization"));
            exchange.sendResponseHeaders(STATUS.get(), -1);
            exchange.close();
        });
        GATEWAY.start();
    }

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> SMTP.getSmtp().getPort());
        registry.add("titlecert.notifications.sms.gateway-url",
                () -> "http://127.0.0.1:" + GATEWAY.getAddress().getPort() + "/sms");
    }

    @AfterAll
    static void stop() {
        SMTP.stop();
        GATEWAY.stop(0);
    }

    @Autowired Notifications notifications;
    @Autowired NotificationDispatcher dispatcher;
    @Autowired NotificationMapper mapper;
    @Autowired TransactionTemplate transactions;
    @Autowired JdbcTemplate jdbc;

    @BeforeEach
    void reset() {
        RECEIVED.clear();
        AUTHORIZATION.clear();
        STATUS.set(200);
        dispatcher.dispatch(1000);
    }

    @Test
    void emailsGoThroughSmtpAndTextMessagesThroughTheGateway() throws Exception {
        long sms = transactions.execute(tx -> notifications.sms("13800001111", "TEST", "您的验证码是 123456"));
        long mail = transactions.execute(tx -> notifications.email("hr@example.cn", "TEST", "请补交照片", "张三的证书待补照片。"));
        assertThat(mapper.findById(sms).orElseThrow().status()).isEqualTo(NotificationStatus.PENDING);

        assertThat(dispatcher.dispatch(100)).isEqualTo(2);

        assertThat(RECEIVED).singleElement().satisfies(body -> assertThat(body).contains("\"to\":\"13800001111\"")
                .contains("您的验证码是 123456"));
        assertThat(AUTHORIZATION).containsExactly("Bearer gateway-secret");
        MimeMessage[] messages = SMTP.getReceivedMessages();
        assertThat(messages).hasSize(1);
        assertThat(messages[0].getSubject()).isEqualTo("请补交照片");
        assertThat(GreenMailUtil.getBody(messages[0])).isNotBlank();
        assertThat(messages[0].getAllRecipients()[0].toString()).isEqualTo("hr@example.cn");
        Notification sent = mapper.findById(sms).orElseThrow();
        assertThat(sent.status()).isEqualTo(NotificationStatus.SENT);
        assertThat(sent.sentAt()).isNotNull();
        assertThat(sent.recipientMasked()).isEqualTo("138****1111");
        assertThat(mapper.findById(mail).orElseThrow().recipientMasked()).isEqualTo("h***@example.cn");
        assertThat(jdbc.queryForObject("SELECT recipient_cipher FROM notification WHERE id = ?", String.class, sms))
                .as("stored encrypted").doesNotContain("13800001111");
        assertThat(dispatcher.dispatch(100)).as("nothing is sent twice").isZero();
    }

    @Test
    void aRefusedMessageIsRetriedAndThenGivenUp() {
        STATUS.set(503);
        long sms = transactions.execute(tx -> notifications.sms("13900002222", "TEST", "证书已发布"));
        assertThat(dispatcher.dispatch(100)).isZero();
        Notification once = mapper.findById(sms).orElseThrow();
        assertThat(once.status()).isEqualTo(NotificationStatus.PENDING);
        assertThat(once.attempts()).isEqualTo(1);
        assertThat(once.lastError()).contains("503");
        dispatcher.dispatch(100);
        assertThat(mapper.findById(sms).orElseThrow().status()).isEqualTo(NotificationStatus.FAILED);
        STATUS.set(200);
        dispatcher.dispatch(100);
        assertThat(mapper.findById(sms).orElseThrow().status()).as("given up stays given up")
                .isEqualTo(NotificationStatus.FAILED);
    }

    private Map<String, Object> row(long id) {
        return jdbc.queryForMap("SELECT * FROM notification WHERE id = ?", id);
    }

    private static void holdsNo(Map<String, Object> row, String secret) {
        row.forEach((column, value) -> assertThat(String.valueOf(value)).as(column).doesNotContain(secret));
    }

    @Test
    void aSecretGoesOutInFullAndIsPurgedOnceSent() {
        long sms = transactions.execute(tx -> notifications.secretSms("13800003333", "TEST_SECRET", "验证码 654321：测试",
                "验证码 ******：测试", Instant.now().plusSeconds(300)));
        holdsNo(row(sms), "654321");
        assertThat((String) row(sms).get("body_cipher")).startsWith("v1:");

        assertThat(dispatcher.dispatch(100)).isEqualTo(1);

        assertThat(RECEIVED).singleElement().satisfies(body -> assertThat(body).contains("验证码 654321：测试"));
        Notification sent = mapper.findById(sms).orElseThrow();
        assertThat(sent.status()).isEqualTo(NotificationStatus.SENT);
        assertThat(sent.body()).isEqualTo("验证码 ******：测试");
        assertThat(row(sms).get("body_cipher")).as("purged once sent").isNull();
    }

    @Test
    void aSecretThatExpiredBeforeItsTurnIsNotSent() {
        long sms = transactions.execute(tx -> notifications.secretSms("13800004444", "TEST_SECRET", "验证码 765432：测试",
                "验证码 ******：测试", Instant.now().minusSeconds(1)));
        assertThat(dispatcher.dispatch(100)).isZero();
        assertThat(RECEIVED).isEmpty();
        assertThat(mapper.findById(sms).orElseThrow().status()).isEqualTo(NotificationStatus.FAILED);
        assertThat(row(sms).get("body_cipher")).isNull();
    }

    @Test
    void aSecretGivenUpIsPurged() {
        STATUS.set(503);
        long sms = transactions.execute(tx -> notifications.secretSms("13800005555", "TEST_SECRET", "验证码 876543：测试",
                "验证码 ******：测试", Instant.now().plusSeconds(300)));
        dispatcher.dispatch(100);
        assertThat((String) row(sms).get("body_cipher")).as("kept for the next try").isNotNull();
        dispatcher.dispatch(100);
        assertThat(mapper.findById(sms).orElseThrow().status()).isEqualTo(NotificationStatus.FAILED);
        assertThat(row(sms).get("body_cipher")).isNull();
        holdsNo(row(sms), "876543");
    }
}
