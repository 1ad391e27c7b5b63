package cn.titlecert.security;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

import cn.titlecert.TitlecertProperties;

class ProductionSafeguardsTest {

    private static TitlecertProperties properties(boolean demo, String user, String password) {
        return new TitlecertProperties(Path.of("data"), new TitlecertProperties.Crypto(null, false),
                new TitlecertProperties.Admin(user, password), demo, new TitlecertProperties.Deployment(List.of()));
    }

    private static MockEnvironment prod() {
        MockEnvironment environment = new MockEnvironment();
        environment.setActiveProfiles("prod");
        return environment;
    }

    @Test
    void productionWithoutAnAdministratorDoesNotStart() {
        assertThatThrownBy(() -> new ProductionSafeguards(properties(false, null, null), prod()).afterPropertiesSet())
                .hasMessageContaining("TITLECERT_ADMIN_USERNAME");
        assertThatThrownBy(() -> new ProductionSafeguards(properties(false, "root", " "), prod()).afterPropertiesSet())
                .hasMessageContaining("TITLECERT_ADMIN_PASSWORD");
    }

    @Test
    void weakAdministratorPasswordsAreRefused() {
        for (String weak : new String[] {"demo", "short", "changeme", "administrator1"}) {
            String user = weak.equals("administrator1") ? "administrator1" : "root";
            assertThatThrownBy(() -> new ProductionSafeguards(properties(false, user, weak), prod()).afterPropertiesSet())
                    .hasMessageContaining("too weak");
        }
    }

    @Test
    void demoAccountsCannotBeSwitchedOnInProduction() {
        assertThatThrownBy(() -> new ProductionSafeguards(properties(true, null, null), prod()).afterPropertiesSet())
                .hasMessageContaining("Demo data");
    }

    @Test
    void aStrongAdministratorStarts() {
        assertThatCode(() -> new ProductionSafeguards(properties(false, "root", "correct-horse-battery"), prod())
                .afterPropertiesSet()).doesNotThrowAnyException();
        assertThatCode(() -> new ProductionSafeguards(properties(true, null, null), new MockEnvironment())
                .afterPropertiesSet()).doesNotThrowAnyException();
    }
}
