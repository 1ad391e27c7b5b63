package cn.titlecert;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

import cn.titlecert.audit.AuditVerifyCommand;

@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class TitlecertApplication {

    public static void main(String[] args) {
        if (AuditVerifyCommand.requested(args)) {
            System.exit(AuditVerifyCommand.run(System.out, args));
        }
        SpringApplication.run(TitlecertApplication.class, args);
    }
}
