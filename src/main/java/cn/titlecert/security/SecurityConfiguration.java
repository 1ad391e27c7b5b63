package cn.titlecert.security;

import java.io.IOException;
import java.util.Set;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.ContainerBasedAuthenticationProvider;
import org.camunda.bpm.webapp.impl.security.auth.ContainerBasedAuthenticationFilter;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.header.writers.ContentSecurityPolicyHeaderWriter;
import org.springframework.security.web.header.writers.DelegatingRequestMatcherHeaderWriter;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

import cn.titlecert.error.OversizeUploads;
import cn.titlecert.organisation.OrganisationMapper;

/**
 * Who may call what.
 * <ul>
 * <li>{@code /engine-rest/**}: staff only, HTTP Basic only (stateless), then the engine's own authorization checks
 * for that user (Camunda's filter reads the authenticated principal) and what {@code CallerCommandGuard} allows.</li>
 * <li>{@code /api/**}: HTTP Basic or the login session; {@code /api/public/**} is open. CSRF is checked
 * whenever the call rides on a session cookie.</li>
 * <li>{@code /camunda/**}: the webapps, for staff signed in through the product's login (one list of users).</li>
 * <li>pages: form login with CSRF; the login page, registration, static files, health and verification are open.</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
public class SecurityConfiguration {

    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

    /**
     * The engine's REST API and the Camunda webapps are for staff: a holder follows and resubmits an application in
     * the product's own pages and API, which check what the holder may change.
     */
    private static final String[] STAFF = java.util.Arrays.stream(Role.values()).filter(Role::isStaff).map(Role::name)
            .toArray(String[]::new);

    @Bean
    AuthenticationManager authenticationManager(IdentityAuthenticationProvider provider) {
        return new ProviderManager(provider);
    }

    @Bean
    @Order(1)
    SecurityFilterChain engineRest(HttpSecurity http, AuthenticationManager manager, JsonSecurityErrors json,
            PasswordChangeGate gate)
            throws Exception {
        return http.securityMatcher(path("/engine-rest/**"))
                .authenticationManager(manager)
                .addFilterAfter(gate, AuthorizationFilter.class)
                .authorizeHttpRequests(a -> a.anyRequest().hasAnyRole(STAFF))
                .httpBasic(b -> b.authenticationEntryPoint(json).authenticationDetailsSource(LoginAttempt.basic()))
                .exceptionHandling(e -> e.authenticationEntryPoint(json).accessDeniedHandler(json))
                .securityContext(c -> c.securityContextRepository(new RequestAttributeSecurityContextRepository()))
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(c -> c.disable())
                .build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain api(HttpSecurity http, AuthenticationManager manager, JsonSecurityErrors json,
            PasswordChangeGate gate, OrganisationMapper organisations) throws Exception {
        return http.securityMatcher(path("/api/**"))
                .addFilterBefore(new ScopeRefreshFilter(organisations), AuthorizationFilter.class)
                .authenticationManager(manager)
                .addFilterAfter(gate, AuthorizationFilter.class)
                .authorizeHttpRequests(a -> a
                        .requestMatchers(path("/api/public/**")).permitAll()
                        .requestMatchers(path("/api/admin/**")).hasRole(Role.ADMIN.name())
                        .anyRequest().authenticated())
                .httpBasic(b -> b.authenticationEntryPoint(json).authenticationDetailsSource(LoginAttempt.basic()))
                .exceptionHandling(e -> e.authenticationEntryPoint(json).accessDeniedHandler(json))
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.NEVER))
                .headers(h -> h.contentSecurityPolicy(c -> c.policyDirectives(API_POLICY))
                        .httpStrictTransportSecurity(SecurityConfiguration::hsts))
                .csrf(c -> c.requireCsrfProtectionMatcher(SecurityConfiguration::unsafeWithSessionCookie))
                .build();
    }

    @Bean
    @Order(3)
    SecurityFilterChain actuator(HttpSecurity http, AuthenticationManager manager, JsonSecurityErrors json)
            throws Exception {
        return http.securityMatcher(path("/actuator/**"))
                .authenticationManager(manager)
                .authorizeHttpRequests(a -> a
                        .requestMatchers(path("/actuator/health"), path("/actuator/health/**"), path("/actuator/info")).permitAll()
                        .anyRequest().hasAnyRole(Role.ADMIN.name(), Role.OPERATOR.name()))
                .httpBasic(b -> b.authenticationEntryPoint(json).authenticationDetailsSource(LoginAttempt.basic()))
                .exceptionHandling(e -> e.authenticationEntryPoint(json).accessDeniedHandler(json))
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(c -> c.disable())
                .build();
    }

    @Bean
    @Order(4)
    SecurityFilterChain pages(HttpSecurity http, AuthenticationManager manager, LoginCaptcha captcha,
            LoginThrottle throttle, PasswordChangeGate gate, OrganisationMapper organisations) throws Exception {
        return http
                .addFilterBefore(new ScopeRefreshFilter(organisations), AuthorizationFilter.class)
                .authenticationManager(manager)
                .addFilterAfter(gate, AuthorizationFilter.class)
                .authorizeHttpRequests(a -> a
                        .requestMatchers(paths("/login", "/login/captcha", "/error", "/css/**", "/js/**", "/images/**", "/webjars/**", "/favicon.ico",
                                "/verify/**", "/third-party-check", "/third-party-check/**", "/query", "/register", "/register/**", "/v3/api-docs", "/v3/api-docs/**"))
                        .permitAll()
                        .requestMatchers(path("/camunda/**")).hasAnyRole(STAFF)
                        .anyRequest().authenticated())
                .formLogin(f -> f.loginPage("/login").defaultSuccessUrl("/", false)
                        .authenticationDetailsSource(LoginAttempt.loginPage(captcha))
                        .failureHandler(new LoginFailureHandler(throttle)).permitAll())
                .logout(l -> l.logoutUrl("/logout").logoutSuccessUrl("/login?logout").deleteCookies("JSESSIONID"))
                // The Camunda webapps protect their own API with their CSRF filter (X-XSRF-TOKEN).
                .csrf(c -> c.ignoringRequestMatchers(path("/camunda/**")))
                .exceptionHandling(e -> e.accessDeniedHandler(SecurityConfiguration::pageAccessDenied))
                .headers(h -> h.frameOptions(f -> f.sameOrigin())
                        // The Camunda webapps send their own policy (with a nonce for their scripts).
                        .addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(
                                new NegatedRequestMatcher(path("/camunda/**")),
                                new ContentSecurityPolicyHeaderWriter(PAGE_POLICY)))
                        .httpStrictTransportSecurity(SecurityConfiguration::hsts))
                .sessionManagement(s -> s.sessionFixation(Customizer.withDefaults()))
                .build();
    }

    /**
     * The product's pages load scripts, styles, images and fonts from the product only, run no inline script or
     * style, and may be framed by the product only; forms post back to it.
     */
    static final String PAGE_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
            + "frame-ancestors 'self'";

    /** JSON and files: nothing to load, never framed. */
    static final String API_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'";

    /**
     * Browsers are told to come back over HTTPS only, for a year and on subdomains too. Written on HTTPS answers only
     * (behind the production proxy, which the prod profile trusts for X-Forwarded-Proto); plain HTTP (the embedded demo)
     * gets none, as browsers would ignore it there.
     */
    private static void hsts(org.springframework.security.config.annotation.web.configurers.HeadersConfigurer<HttpSecurity>
            .HstsConfig hsts) {
        hsts.includeSubDomains(true).maxAgeInSeconds(31_536_000);
    }

    /**
     * A page refused: the error page with 403, or with 413 for an upload the container refused for its size (its
     * CSRF token is lost with the file, so the refusal first looks like a forged form).
     */
    static void pageAccessDenied(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
            throws IOException, ServletException {
        if (e instanceof CsrfException && OversizeUploads.refused(request)) {
            response.sendError(HttpStatus.PAYLOAD_TOO_LARGE.value());
            return;
        }
        new AccessDeniedHandlerImpl().handle(request, response, e);
    }

    /** One gate for every chain; not a servlet filter of its own (the chains run it after their sign-in). */
    @Bean
    PasswordChangeGate passwordChangeGate(cn.titlecert.error.ErrorMessages errors) {
        return new PasswordChangeGate(errors);
    }

    @Bean
    FilterRegistrationBean<PasswordChangeGate> passwordChangeGateRegistration(PasswordChangeGate gate) {
        FilterRegistrationBean<PasswordChangeGate> registration = new FilterRegistrationBean<>(gate);
        registration.setEnabled(false);
        return registration;
    }

    /** Matches the whole path, whichever servlet serves it (Jersey for the engine, the webapps' own). */
    static RequestMatcher path(String pattern) {
        return PathPatternRequestMatcher.withDefaults().matcher(pattern);
    }

    static RequestMatcher[] paths(String... patterns) {
        return java.util.Arrays.stream(patterns).map(SecurityConfiguration::path).toArray(RequestMatcher[]::new);
    }

    /** State-changing calls that authenticate with the session cookie (a browser) must carry the CSRF token. */
    static boolean unsafeWithSessionCookie(HttpServletRequest request) {
        if (SAFE_METHODS.contains(request.getMethod())) {
            return false;
        }
        return request.getRequestedSessionId() != null;
    }

    /** The engine REST API runs each call as the authenticated user, so engine authorizations apply. */
    @Bean
    FilterRegistrationBean<ProcessEngineAuthenticationFilter> engineRestAuthentication() {
        FilterRegistrationBean<ProcessEngineAuthenticationFilter> registration =
                new FilterRegistrationBean<>(new ProcessEngineAuthenticationFilter());
        registration.setName("engine-rest-authentication");
        registration.addInitParameter(ProcessEngineAuthenticationFilter.AUTHENTICATION_PROVIDER_PARAM,
                ContainerBasedAuthenticationProvider.class.getName());
        registration.addInitParameter(ProcessEngineAuthenticationFilter.SERVLET_PATH_PREFIX, "/engine-rest");
        registration.addUrlPatterns("/engine-rest/*");
        registration.setOrder(101);
        return registration;
    }

    /** Cockpit, Tasklist and Admin accept the product's login instead of asking for a second one. */
    @Bean
    FilterRegistrationBean<ContainerBasedAuthenticationFilter> webappSingleSignOn() {
        FilterRegistrationBean<ContainerBasedAuthenticationFilter> registration =
                new FilterRegistrationBean<>(new ContainerBasedAuthenticationFilter());
        registration.setName("camunda-webapp-sso");
        registration.addInitParameter(ProcessEngineAuthenticationFilter.AUTHENTICATION_PROVIDER_PARAM,
                ContainerBasedAuthenticationProvider.class.getName());
        registration.addUrlPatterns("/camunda/app/*", "/camunda/api/*");
        registration.setOrder(101);
        return registration;
    }
}
