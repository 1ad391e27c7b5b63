package cn.titlecert.certificate;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The seal keys of the issuing authorities, from PKCS#12 keystores (one per authority, or the default one),
 * loaded once. In the demo the default keystore is generated on first start: a self-made CA and a signing
 * certificate it issued, so that nothing depends on a real bureau's key.
 */
@Component
public class SealKeys {

    private static final Logger log = LoggerFactory.getLogger(SealKeys.class);

    private final CertificateProperties properties;
    private final Clock clock;
    private final Map<Path, SigningKey> loaded = new ConcurrentHashMap<>();

    public SealKeys(CertificateProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
    }

    /** The key of an issuing authority (organisation code), or the default key. */
    public SigningKey forAuthority(String organisationCode) {
        CertificateProperties.Seal seal = properties.authority(organisationCode)
                .map(CertificateProperties.Authority::seal).filter(s -> s != null && s.keystore() != null)
                .orElse(properties.seal());
        return load(seal);
    }

    /** Every certificate our signatures may be made with or chain to: what verify-pdf trusts. */
    public Set<X509Certificate> trusted() {
        Set<X509Certificate> all = new HashSet<>(load(properties.seal()).chain());
        properties.authorities().values().stream().map(CertificateProperties.Authority::seal)
                .filter(s -> s != null && s.keystore() != null).forEach(s -> all.addAll(load(s).chain()));
        return all;
    }

    private SigningKey load(CertificateProperties.Seal seal) {
        if (seal == null || seal.keystore() == null) {
            throw new IllegalStateException("no seal keystore configured (titlecert.certificates.seal.keystore)");
        }
        Path path = seal.keystore().toAbsolutePath().normalize();
        return loaded.computeIfAbsent(path, p -> read(p, seal));
    }

    private SigningKey read(Path path, CertificateProperties.Seal seal) {
        char[] password = seal.password() == null ? new char[0] : seal.password().toCharArray();
        try {
            if (!Files.exists(path)) {
                if (!seal.generateDemoKeystore()) {
                    throw new IllegalStateException("seal keystore not found: " + path);
                }
                generateDemoKeystore(path, password, seal.alias());
            }
            KeyStore store = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(path)) {
                store.load(in, password);
            }
            String alias = seal.alias() != null && store.containsAlias(seal.alias()) ? seal.alias()
                    : store.aliases().nextElement();
            Key key = store.getKey(alias, password);
            if (!(key instanceof PrivateKey privateKey)) {
                throw new IllegalStateException("no private key under alias " + alias + " in " + path);
            }
            List<X509Certificate> chain = new ArrayList<>();
            for (Certificate c : store.getCertificateChain(alias)) {
                chain.add((X509Certificate) c);
            }
            return new SigningKey(privateKey, chain, seal.tsa());
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the seal keystore " + path, e);
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    private void generateDemoKeystore(Path path, char[] password, String alias)
            throws GeneralSecurityException, IOException {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048, new SecureRandom());
            KeyPair caKeys = generator.generateKeyPair();
            KeyPair signerKeys = generator.generateKeyPair();
            Instant now = clock.instant();
            X500Name caName = new X500Name("CN=titlecert Demo Seal CA (not a real authority),O=titlecert demo,C=CN");
            X500Name signerName = new X500Name("CN=titlecert Demo Seal (not a real authority),O=titlecert demo,C=CN");
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();

            X509v3CertificateBuilder ca = new JcaX509v3CertificateBuilder(caName, serial(), Date.from(now.minus(Duration.ofDays(1))),
                    Date.from(now.plus(Duration.ofDays(3650))), caName, caKeys.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                    .addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(caKeys.getPublic()));
            X509Certificate caCert = new JcaX509CertificateConverter()
                    .getCertificate(ca.build(new JcaContentSignerBuilder("SHA256withRSA").build(caKeys.getPrivate())));

            X509v3CertificateBuilder signer = new JcaX509v3CertificateBuilder(caCert, serial(),
                    Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(1825))), signerName,
                    signerKeys.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.nonRepudiation))
                    .addExtension(Extension.extendedKeyUsage, false,
                            new ExtendedKeyUsage(KeyPurposeId.id_kp_emailProtection))
                    .addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(caCert))
                    .addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(signerKeys.getPublic()));
            X509Certificate signerCert = new JcaX509CertificateConverter()
                    .getCertificate(signer.build(new JcaContentSignerBuilder("SHA256withRSA").build(caKeys.getPrivate())));

            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry(alias == null ? "seal" : alias, signerKeys.getPrivate(), password,
                    new Certificate[] {signerCert, caCert});
            Files.createDirectories(path.getParent());
            Path tmp = Files.createTempFile(path.getParent(), "seal", ".p12");
            try (OutputStream out = Files.newOutputStream(tmp)) {
                store.store(out, password);
            }
            // Another node may have written it meanwhile: keep whichever came first.
            try {
                Files.move(tmp, path, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException raced) {
                Files.deleteIfExists(tmp);
            }
            log.warn("Generated the DEMO seal keystore {} (self-made CA; never use it for real certificates)", path);
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException(e);
        }
    }

    private static BigInteger serial() {
        return new BigInteger(64, new SecureRandom()).abs().add(BigInteger.ONE);
    }
}
