package cn.titlecert.security;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import cn.titlecert.TitlecertProperties;

/**
 * Refuses to start a production instance that would be unsafe: demo accounts with a known password,
 * no administrator of its own, or a weak administrator password. (A missing personal-data key already
 * stops the start in {@code MasterKeyProvider}.)
 */
@Component
class ProductionSafeguards implements InitializingBean {

    private static final Set<String> WEAK = Set.of("demo", "admin", "password", "camunda", "123456", "changeme");

    private final TitlecertProperties properties;
    private final Environment environment;

    ProductionSafeguards(TitlecertProperties properties, Environment environment) {
        this.properties = properties;
        this.environment = environment;
    }

    @Override
    public void afterPropertiesSet() {
        boolean production = Arrays.asList(environment.getActiveProfiles()).contains("prod");
        if (production && properties.demoData()) {
            throw new IllegalStateException("Demo data (titlecert.demo-data) cannot be enabled in the prod profile");
        }
        if (properties.demoData()) {
            return;
        }
        TitlecertProperties.Admin admin = properties.admin();
        if (admin.username() == null || admin.username().isBlank() || admin.password() == null
                || admin.password().isBlank()) {
            throw new IllegalStateException("No administrator configured: set TITLECERT_ADMIN_USERNAME and "
                    + "TITLECERT_ADMIN_PASSWORD (there are no default passwords outside the demo)");
        }
        String password = admin.password();
        if (password.length() < 12 || WEAK.contains(password.toLowerCase(Locale.ROOT))
                || password.equalsIgnoreCase(admin.username())) {
            throw new IllegalStateException("TITLECERT_ADMIN_PASSWORD is too weak: at least 12 characters, "
                    + "not the user name and not a well-known password");
        }
    }
}
