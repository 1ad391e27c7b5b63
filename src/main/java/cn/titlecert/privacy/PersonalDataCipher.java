package cn.titlecert.privacy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts personal data (ID and phone numbers) with AES-256-GCM and computes the keyed hash
 * (HMAC-SHA256) that lets the database find a record without holding the clear value. Both keys are
 * derived from one master key; the column a value belongs to is bound in as associated data, so a
 * ciphertext copied into another column does not decrypt.
 */
public class PersonalDataCipher {

    private static final String VERSION = "v1";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec encryptionKey;
    private final SecretKeySpec indexKey;
    private final SecureRandom random = new SecureRandom();

    public PersonalDataCipher(byte[] masterKey) {
        if (masterKey == null || masterKey.length != 32) {
            throw new IllegalArgumentException("master key must be 32 bytes");
        }
        this.encryptionKey = new SecretKeySpec(derive(masterKey, "titlecert/personal-data/encryption/v1"), "AES");
        this.indexKey = new SecretKeySpec(derive(masterKey, "titlecert/personal-data/index/v1"), "HmacSHA256");
    }

    /** @param field the column the value is stored in, e.g. {@code person.id_number} */
    public String encrypt(String field, String clear) {
        return VERSION + ":" + Base64.getEncoder().encodeToString(encryptBytes(field, clear.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * Encrypts a document that holds personal data (a certificate PDF prints the ID number): IV followed by
     * ciphertext and tag, bound to the column by associated data.
     */
    public byte[] encryptBytes(String field, byte[] clear) {
        try {
            byte[] iv = new byte[IV_BYTES];
            random.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, encryptionKey, new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(field.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(clear);
            return ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("encryption failed", e);
        }
    }

    public byte[] decryptBytes(String field, byte[] stored) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, encryptionKey, new GCMParameterSpec(TAG_BITS, stored, 0, IV_BYTES));
            cipher.updateAAD(field.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(stored, IV_BYTES, stored.length - IV_BYTES);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("cannot decrypt " + field + " (wrong key or altered data)");
        }
    }

    public String decrypt(String field, String stored) {
        if (stored == null || !stored.startsWith(VERSION + ":")) {
            throw new IllegalArgumentException("not a " + VERSION + " ciphertext");
        }
        try {
            byte[] all = Base64.getDecoder().decode(stored.substring(VERSION.length() + 1));
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, encryptionKey, new GCMParameterSpec(TAG_BITS, all, 0, IV_BYTES));
            cipher.updateAAD(field.getBytes(StandardCharsets.UTF_8));
            byte[] clear = cipher.doFinal(all, IV_BYTES, all.length - IV_BYTES);
            return new String(clear, StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            // Never include the value: it may be personal data.
            throw new IllegalStateException("cannot decrypt " + field + " (wrong key or altered data)");
        }
    }

    /** The search key of a value: equal clear values of one field give equal hashes. */
    public String index(String field, String clear) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(indexKey);
            mac.update(field.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            return HexFormat.of().formatHex(mac.doFinal(clear.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("keyed hash failed", e);
        }
    }

    private static byte[] derive(byte[] master, String purpose) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(master, "HmacSHA256"));
            return mac.doFinal(purpose.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("key derivation failed", e);
        }
    }
}
