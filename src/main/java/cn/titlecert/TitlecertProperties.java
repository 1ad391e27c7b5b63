package cn.titlecert;

import java.nio.file.Path;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** The product's own settings ({@code titlecert.*} in application*.yml). */
@ConfigurationProperties("titlecert")
public record TitlecertProperties(
        @DefaultValue("./data") Path dataDir,
        @DefaultValue Crypto crypto,
        @DefaultValue Admin admin,
        @DefaultValue("false") boolean demoData,
        @DefaultValue Deployment deployment) {

    /**
     * @param key Base64 of 32 random bytes: the master key for personal data
     * @param generateIfMissing only the demo profile may create a key in the data folder
     */
    public record Crypto(String key, @DefaultValue("false") boolean generateIfMissing) {
    }

    /** The administrator account created at first start outside the demo profile. */
    public record Admin(String username, String password) {
    }

    /** Where process models and forms are read from at start (Spring resource patterns). */
    public record Deployment(@DefaultValue({"classpath*:bpmn/**/*.bpmn", "classpath*:bpmn/**/*.dmn",
            "classpath*:forms/**/*.form"}) List<String> resources) {
    }
}
