package cn.titlecert.error;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.autoconfigure.web.servlet.MultipartProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.multipart.support.StandardServletMultipartResolver;
import org.springframework.web.servlet.DispatcherServlet;

/**
 * Spring Boot's multipart resolver, except in the error dispatch. An upload over the container's limit
 * ({@code spring.servlet.multipart.*}) fails before any controller is chosen and is answered 413 through the error
 * page; there the body would be parsed again, fail again, and leave the 413 without its {@code {code, message}} or
 * page. The error page needs none of the upload's parts.
 */
@Configuration(proxyBeanMethods = false)
class MultipartConfiguration {

    @Bean(name = DispatcherServlet.MULTIPART_RESOLVER_BEAN_NAME)
    StandardServletMultipartResolver multipartResolver(MultipartProperties properties) {
        StandardServletMultipartResolver resolver = new StandardServletMultipartResolver() {
            @Override
            public boolean isMultipart(HttpServletRequest request) {
                return request.getDispatcherType() != DispatcherType.ERROR && super.isMultipart(request);
            }
        };
        resolver.setResolveLazily(properties.isResolveLazily());
        resolver.setStrictServletCompliance(properties.isStrictServletCompliance());
        return resolver;
    }
}
