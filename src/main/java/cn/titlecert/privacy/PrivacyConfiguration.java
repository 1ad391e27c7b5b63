package cn.titlecert.privacy;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import cn.titlecert.TitlecertProperties;

@Configuration(proxyBeanMethods = false)
class PrivacyConfiguration {

    @Bean
    PersonalDataCipher personalDataCipher(TitlecertProperties properties) {
        return new PersonalDataCipher(MasterKeyProvider.load(properties));
    }
}
