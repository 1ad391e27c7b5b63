package cn.titlecert.notification;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Text messages through an HTTP gateway (the usual way provincial SMS platforms are reached): a JSON
 * {@code {"to": …, "text": …}} POSTed with a bearer token; any 2xx answer counts as accepted. Present only
 * when {@code titlecert.notifications.sms.gateway-url} is set.
 */
@Component
@ConditionalOnExpression("!'${titlecert.notifications.sms.gateway-url:}'.isBlank()")
class HttpSmsSender implements NotificationSender {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI gateway;
    private final String token;
    private final ObjectMapper json;

    HttpSmsSender(@Value("${titlecert.notifications.sms.gateway-url}") URI gateway,
            @Value("${titlecert.notifications.sms.token:}") String token, ObjectMapper json) {
        this.gateway = gateway;
        this.token = token;
        this.json = json;
    }

    @Override
    public Channel channel() {
        return Channel.SMS;
    }

    @Override
    public void deliver(String recipient, String subject, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(gateway).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(Map.of("to", recipient, "text", body))));
        if (!token.isBlank()) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<Void> response = http.send(request.build(), HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException("SMS gateway answered HTTP " + response.statusCode());
        }
    }
}
