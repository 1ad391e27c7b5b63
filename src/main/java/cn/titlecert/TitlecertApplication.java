package cn.titlecert;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class TitlecertApplication {

    public static void main(String[] args) {
        SpringApplication.run(TitlecertApplication.class, args);
    }
}
