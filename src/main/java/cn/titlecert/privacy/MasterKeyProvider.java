package cn.titlecert.privacy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

import cn.titlecert.TitlecertProperties;

/**
 * Supplies the 32-byte master key for personal data: from configuration, or (demo profile only) from
 * a key file generated once into the data folder. Without a key the product does not start.
 */
public final class MasterKeyProvider {

    static final String KEY_FILE = "personal-data.key";
    private static final int KEY_BYTES = 32;

    private MasterKeyProvider() {
    }

    public static byte[] load(TitlecertProperties properties) {
        String configured = properties.crypto().key();
        if (configured != null && !configured.isBlank()) {
            return decode(configured.trim(), "titlecert.crypto.key");
        }
        if (!properties.crypto().generateIfMissing()) {
            throw new IllegalStateException("No personal-data key: set TITLECERT_CRYPTO_KEY (titlecert.crypto.key) "
                    + "to the Base64 form of 32 random bytes, e.g. `openssl rand -base64 32`");
        }
        return loadOrCreateKeyFile(properties.dataDir().resolve(KEY_FILE));
    }

    private static byte[] loadOrCreateKeyFile(Path file) {
        try {
            if (Files.exists(file)) {
                return decode(Files.readString(file, StandardCharsets.US_ASCII).trim(), file.toString());
            }
            Files.createDirectories(file.toAbsolutePath().getParent());
            byte[] key = new byte[KEY_BYTES];
            new SecureRandom().nextBytes(key);
            Path temp = Files.createTempFile(file.toAbsolutePath().getParent(), "key", ".tmp");
            try {
                Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // Windows: the data folder's own permissions apply.
            }
            Files.writeString(temp, Base64.getEncoder().encodeToString(key), StandardCharsets.US_ASCII);
            Files.move(temp, file);
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the personal-data key " + file, e);
        }
    }

    private static byte[] decode(String base64, String source) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("The personal-data key in " + source + " is not Base64");
        }
        if (key.length != KEY_BYTES) {
            throw new IllegalStateException("The personal-data key in " + source + " must be 32 bytes, not " + key.length);
        }
        return key;
    }
}
