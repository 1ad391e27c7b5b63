package cn.titlecert.verification;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The public query's rate limit ({@code titlecert.public-query.*}): {@code limit} queries per {@code window} and
 * client address, refilled continuously. The client address is the request's remote address; behind a reverse
 * proxy it comes from X-Forwarded-For only when the server is told to trust that proxy
 * ({@code server.forward-headers-strategy: native}, as the prod profile sets, with Tomcat's internal-proxies).
 *
 * @param maxTrackedClients above this many remembered addresses, idle ones are forgotten (bounded memory)
 */
@ConfigurationProperties("titlecert.public-query")
public record PublicQueryProperties(
        @DefaultValue("10") int limit,
        @DefaultValue("1m") Duration window,
        @DefaultValue("100000") int maxTrackedClients) {

    public PublicQueryProperties {
        if (limit < 1 || window.isNegative() || window.isZero() || maxTrackedClients < 1) {
            throw new IllegalArgumentException("titlecert.public-query needs a positive limit, window and maxTrackedClients");
        }
    }
}
