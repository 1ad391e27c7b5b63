package cn.titlecert.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.camunda.bpm.engine.IdentityService;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import cn.titlecert.organisation.OrganisationService;

/**
 * Failed sign-ins cannot be turned against an account's holder: the address that keeps guessing waits longer and
 * longer, while the holder, elsewhere, signs in at once (after typing the picture code once the account is under
 * attack). Every refusal says why. The engine's own lock-out no longer locks anybody out.
 */
@SpringBootTest
@AutoConfigureMockMvc
class LoginThrottleWebTest {

    @Autowired MockMvc mvc;
    @Autowired AccountService accounts;
    @Autowired OrganisationService organisations;
    @Autowired IdentityService identity;
    @Autowired LoginProperties limits;

    private String newAccount() {
        String username = "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        accounts.create(username, "测试", "right-password", Set.of(Role.EMPLOYER),
                organisations.findByCode("TJ-EMP-BHDZ").orElseThrow().id(), null);
        return username;
    }

    /** A client address of its own for each test: the suite's other sign-ins come from 127.0.0.1. */
    private static RequestPostProcessor from(String address) {
        return request -> {
            request.setRemoteAddr(address);
            return request;
        };
    }

    private static String someAddress() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return "10." + r.nextInt(1, 255) + "." + r.nextInt(1, 255) + "." + r.nextInt(1, 255);
    }

    private MvcResult signIn(MockHttpSession session, String address, String username, String password, String captcha)
            throws Exception {
        var request = post("/login").session(session).with(csrf()).with(from(address)).param("username", username)
                .param("password", password);
        if (captcha != null) {
            request.param("captcha", captcha);
        }
        return mvc.perform(request).andReturn();
    }

    private String loginPage(MockHttpSession session) throws Exception {
        return mvc.perform(get("/login").session(session).param("error", "")).andExpect(status().isOk()).andReturn()
                .getResponse().getContentAsString();
    }

    @Test
    void aGuessingAddressWaitsWhileTheHolderSignsInWithThePictureCode() throws Exception {
        String username = newAccount();
        String attacker = someAddress();
        MockHttpSession attackerSession = new MockHttpSession();
        // Guessing one password after another over many accounts, as credential stuffing does.
        for (int i = 0; i <= limits.freeFailuresPerAddress(); i++) {
            signIn(attackerSession, attacker, "someone" + i + "x" + UUID.randomUUID(), "guess", null);
        }
        // The address is now slowed down: refused without its password being looked at, with the reason in words.
        MvcResult refused = signIn(attackerSession, attacker, username, "right-password", null);
        assertThat(refused.getResponse().getRedirectedUrl()).startsWith("/login?error");
        assertThat(loginPage(attackerSession)).contains("登录失败次数过多，请").contains("秒后再试");
        // The account's holder, elsewhere, is not slowed down at all.
        assertThat(signIn(new MockHttpSession(), someAddress(), username, "right-password", null).getResponse()
                .getRedirectedUrl()).isEqualTo("/");

        // Guesses at the account itself, from several addresses: its holder is then asked for the picture code, and
        // signs in with it (the account is not locked for them).
        for (int i = 0; i < limits.captchaAfter(); i++) {
            signIn(new MockHttpSession(), someAddress(), username, "guess" + i, null);
        }
        String holder = someAddress();
        MockHttpSession holderSession = new MockHttpSession();
        MvcResult asked = signIn(holderSession, holder, username, "right-password", null);
        assertThat(asked.getResponse().getRedirectedUrl()).isEqualTo("/login?error&captcha");
        String page = loginPage(holderSession);
        assertThat(page).contains("请输入图中的验证码").contains("id=\"captcha-image\"").contains("name=\"captcha\"")
                .contains("value=\"" + username + "\"");
        // A wrong code is refused with its own message and a new picture.
        mvc.perform(get("/login/captcha").session(holderSession)).andExpect(status().isOk())
                .andExpect(header().string("Content-Type", "image/png"))
                .andExpect(header().string("Cache-Control", Matchers.containsString("no-store")));
        assertThat(signIn(holderSession, holder, username, "right-password", "WRONG").getResponse().getRedirectedUrl())
                .isEqualTo("/login?error&captcha");
        assertThat(loginPage(holderSession)).contains("验证码不正确");

        byte[] png = mvc.perform(get("/login/captcha").session(holderSession)).andReturn().getResponse().getContentAsByteArray();
        assertThat(javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(png)).getWidth()).isEqualTo(160);
        String shown = ((LoginCaptcha.Challenge) holderSession.getAttribute(LoginCaptcha.SESSION_ATTRIBUTE)).answer();
        MvcResult signedIn = signIn(holderSession, holder, username, "right-password", shown.toLowerCase());
        assertThat(signedIn.getResponse().getRedirectedUrl()).isEqualTo("/");

        // A code is good for one attempt only.
        assertThat(holderSession.getAttribute(LoginCaptcha.SESSION_ATTRIBUTE)).isNull();
    }

    @Test
    void apiCallsFromAGuessingAddressAreToldHowLongToWait() throws Exception {
        String username = newAccount();
        String attacker = someAddress();
        for (int i = 0; i <= limits.freeFailuresPerAddress(); i++) {
            mvc.perform(get("/api/me").with(httpBasic("someone" + i + UUID.randomUUID(), "guess")).with(from(attacker)))
                    .andExpect(status().isUnauthorized());
        }
        mvc.perform(get("/api/me").with(httpBasic(username, "right-password")).with(from(attacker)))
                .andExpect(status().isTooManyRequests()).andExpect(header().exists("Retry-After"))
                .andExpect(jsonPath("$.code").value("login.wait"))
                .andExpect(jsonPath("$.message").value(Matchers.startsWith("登录失败次数过多")));
        mvc.perform(get("/api/me").header("Accept-Language", "en").with(httpBasic(username, "right-password"))
                .with(from(attacker))).andExpect(status().isTooManyRequests())
                .andExpect(jsonPath("$.message").value(Matchers.startsWith("Too many failed sign-ins")));
        mvc.perform(get("/engine-rest/user").with(httpBasic(username, "right-password")).with(from(attacker)))
                .andExpect(status().isTooManyRequests());
    }

    @Test
    void theEngineNoLongerLocksAnAccountForEveryone() throws Exception {
        String username = newAccount();
        // More failures than the engine's old limit (10, then locked for good), each from another address.
        for (int i = 0; i <= limits.captchaAfter(); i++) {
            mvc.perform(get("/api/me").with(httpBasic(username, "guess" + i)).with(from(someAddress())))
                    .andExpect(status().isUnauthorized());
        }
        // HTTP Basic cannot show the picture code: beyond that many failures the account's Basic sign-ins wait.
        mvc.perform(get("/api/me").with(httpBasic(username, "guess")).with(from(someAddress())))
                .andExpect(status().isTooManyRequests());
        for (int i = 0; i < 10; i++) {
            assertThat(identity.checkPassword(username, "guess" + i)).isFalse();
        }
        assertThat(identity.checkPassword(username, "right-password")).isTrue();
        // The page sign-in asks for the code and then works; Basic waits per account (it cannot show a picture).
        MockHttpSession session = new MockHttpSession();
        String address = someAddress();
        assertThat(signIn(session, address, username, "right-password", null).getResponse().getRedirectedUrl())
                .isEqualTo("/login?error&captcha");
        mvc.perform(get("/login/captcha").session(session)).andExpect(status().isOk());
        String shown = ((LoginCaptcha.Challenge) session.getAttribute(LoginCaptcha.SESSION_ATTRIBUTE)).answer();
        assertThat(signIn(session, address, username, "right-password", shown).getResponse().getRedirectedUrl())
                .isEqualTo("/");
        mvc.perform(get("/api/me").with(httpBasic(username, "right-password")).with(from(someAddress())))
                .andExpect(status().isOk());
    }

    @Test
    void theLoginPageSendsAContentSecurityPolicyAndHttpsAnswersSendHsts() throws Exception {
        mvc.perform(get("/login")).andExpect(status().isOk())
                .andExpect(header().string("Content-Security-Policy", Matchers.containsString("script-src 'self'")))
                .andExpect(header().string("Content-Security-Policy", Matchers.containsString("object-src 'none'")))
                .andExpect(header().doesNotExist("Strict-Transport-Security"));
        mvc.perform(get("/login").secure(true)).andExpect(status().isOk())
                .andExpect(header().string("Strict-Transport-Security", "max-age=31536000 ; includeSubDomains"));
        mvc.perform(get("/api/me").with(httpBasic("employer", "demo"))).andExpect(status().isOk())
                .andExpect(header().string("Content-Security-Policy", Matchers.containsString("default-src 'none'")));
        mvc.perform(get("/login")).andExpect(content().string(Matchers.not(Matchers.containsString("onclick="))));
    }
}
