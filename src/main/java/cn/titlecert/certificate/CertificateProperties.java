package cn.titlecert.certificate;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Certificate settings ({@code titlecert.certificates.*}).
 *
 * @param numberPrefix the province prefix printed before the level letter (e.g. {@code GZZC}); may be empty
 * @param publicBaseUrl where {@code /verify/{token}} is served; printed in the QR code
 * @param defaultTemplate the layout of an issuing authority that has no entry in {@code authorities}
 * @param seal the seal key of an issuing authority that has no key of its own
 * @param authorities per issuing authority (keyed by organisation code): its layout, region and seal key
 */
@ConfigurationProperties("titlecert.certificates")
public record CertificateProperties(
        @DefaultValue("") String numberPrefix,
        @DefaultValue("http://localhost:8080") URI publicBaseUrl,
        @DefaultValue("unified") String defaultTemplate,
        @DefaultValue Seal seal,
        Map<String, Authority> authorities) {

    public CertificateProperties {
        authorities = authorities == null ? Map.of() : Map.copyOf(authorities);
        numberPrefix = numberPrefix == null ? "" : numberPrefix.strip();
        if (!numberPrefix.matches("[A-Z]{0,8}")) {
            throw new IllegalArgumentException("titlecert.certificates.number-prefix must be 0-8 capital letters");
        }
    }

    /**
     * A PKCS#12 keystore holding one signing key and its certificate chain.
     *
     * @param generateDemoKeystore create a self-made CA and signing key at {@code keystore} when missing
     *        (demo only: a real authority's key comes from its CA)
     * @param tsaUrl an RFC 3161 time-stamping service; no timestamp when empty
     */
    public record Seal(Path keystore, String password, String alias, String tsaUrl,
            @DefaultValue("false") boolean generateDemoKeystore) {

        public Optional<String> tsa() {
            return Optional.ofNullable(tsaUrl).filter(s -> !s.isBlank());
        }
    }

    /**
     * @param template layout: {@code unified}, {@code guangdong}, {@code guangxi}, {@code hubei}, {@code guizhou}, {@code tianjin}
     * @param regionCode six-digit region code in the certificate number (else the organisation's own)
     * @param seal this authority's own seal key (else the default one)
     */
    public record Authority(String template, String regionCode, Seal seal) {
    }

    public Optional<Authority> authority(String organisationCode) {
        return Optional.ofNullable(organisationCode).map(authorities::get);
    }
}
