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
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

import cn.titlecert.error.OversizeUploads;

/**
 * Who may call what.
 * <ul>
 * <li>{@code /engine-rest/**}: HTTP Basic only (stateless), then the engine's own authorization checks
 * for that user (Camunda's filter reads the authenticated principal).</li>
 * <li>{@code /api/**}: HTTP Basic or the login session; {@code /api/public/**} is open. CSRF is checked
 * whenever the call rides on a session cookie.</li>
 * <li>{@code /camunda/**}: the webapps, signed in through the product's login (one list of users).</li>
 * <li>pages: form login with CSRF; the login page, static files, health and verification are open.</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
public class SecurityConfiguration {

    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

    @Bean
    AuthenticationManager authenticationManager(IdentityAuthenticationProvider provider) {
        return new ProviderManager(provider);
    }

    @Bean
    @Order(1)
    SecurityFilterChain engineRest(HttpSecurity http, AuthenticationManager manager, JsonSecurityErrors json)
            throws Exception {
        return http.securityMatcher(path("/engine-rest/**"))
                .authenticationManager(manager)
                .authorizeHttpRequests(a -> a.anyRequest().authenticated())
                .httpBasic(b -> b.authenticationEntryPoint(json))
                .exceptionHandling(e -> e.authenticationEntryPoint(json).accessDeniedHandler(json))
                .securityContext(c -> c.securityContextRepository(new RequestAttributeSecurityContextRepository()))
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(c -> c.disable())
                .build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain api(HttpSecurity http, AuthenticationManager manager, JsonSecurityErrors json)
            throws Exception {
        return http.securityMatcher(path("/api/**"))
                .authenticationManager(manager)
                .authorizeHttpRequests(a -> a
                        .requestMatchers(path("/api/public/**")).permitAll()
                        .requestMatchers(path("/api/admin/**")).hasRole(Role.ADMIN.name())
                        .anyRequest().authenticated())
                .httpBasic(b -> b.authenticationEntryPoint(json))
                .exceptionHandling(e -> e.authenticationEntryPoint(json).accessDeniedHandler(json))
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.NEVER))
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
                .httpBasic(b -> b.authenticationEntryPoint(json))
                .exceptionHandling(e -> e.authenticationEntryPoint(json).accessDeniedHandler(json))
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(c -> c.disable())
                .build();
    }

    @Bean
    @Order(4)
    SecurityFilterChain pages(HttpSecurity http, AuthenticationManager manager) throws Exception {
        return http
                .authenticationManager(manager)
                .authorizeHttpRequests(a -> a
                        .requestMatchers(paths("/login", "/error", "/css/**", "/js/**", "/images/**", "/webjars/**", "/favicon.ico",
                                "/verify/**", "/third-party-check", "/third-party-check/**", "/query", "/v3/api-docs", "/v3/api-docs/**"))
                        .permitAll()
                        .anyRequest().authenticated())
                .formLogin(f -> f.loginPage("/login").defaultSuccessUrl("/", false).failureUrl("/login?error")
                        .permitAll())
                .logout(l -> l.logoutUrl("/logout").logoutSuccessUrl("/login?logout").deleteCookies("JSESSIONID"))
                // The Camunda webapps protect their own API with their CSRF filter (X-XSRF-TOKEN).
                .csrf(c -> c.ignoringRequestMatchers(path("/camunda/**")))
                .exceptionHandling(e -> e.accessDeniedHandler(SecurityConfiguration::pageAccessDenied))
                .headers(h -> h.frameOptions(f -> f.sameOrigin()))
                .sessionManagement(s -> s.sessionFixation(Customizer.withDefaults()))
                .build();
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
