package cn.titlecert.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cn.titlecert.TitlecertProperties;

class MasterKeyProviderTest {

    @TempDir
    Path dataDir;

    private TitlecertProperties properties(String key, boolean generate) {
        return new TitlecertProperties(dataDir, new TitlecertProperties.Crypto(key, generate),
                new TitlecertProperties.Admin(null, null), false,
                new TitlecertProperties.Deployment(List.of()));
    }

    @Test
    void theDemoKeyIsGeneratedOnceIntoTheDataFolderAndReused() throws Exception {
        byte[] first = MasterKeyProvider.load(properties(null, true));
        byte[] second = MasterKeyProvider.load(properties(null, true));
        assertThat(first).hasSize(32).isEqualTo(second);
        Path file = dataDir.resolve(MasterKeyProvider.KEY_FILE);
        assertThat(Files.getPosixFilePermissions(file)).containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ,
                PosixFilePermission.OWNER_WRITE);
    }

    @Test
    void aConfiguredKeyWinsAndMustBe32Bytes() {
        String key = Base64.getEncoder().encodeToString(new byte[32]);
        assertThat(MasterKeyProvider.load(properties(key, false))).hasSize(32);
        String shortKey = Base64.getEncoder().encodeToString(new byte[16]);
        assertThatThrownBy(() -> MasterKeyProvider.load(properties(shortKey, false)))
                .hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> MasterKeyProvider.load(properties("not base64!", false)))
                .hasMessageContaining("not Base64");
    }

    @Test
    void withoutAKeyOutsideTheDemoTheProductDoesNotStart() {
        assertThatThrownBy(() -> MasterKeyProvider.load(properties("", false)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("TITLECERT_CRYPTO_KEY");
        assertThat(dataDir.resolve(MasterKeyProvider.KEY_FILE)).doesNotExist();
    }
}
