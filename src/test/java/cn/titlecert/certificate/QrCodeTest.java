package cn.titlecert.certificate;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.Map;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.EncodeHintType;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;

class QrCodeTest {

    private static final String LINK = "https://zc.example.gov.cn/verify/AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_AbCd";

    @Test
    void thePngHoldsOnePixelPerModuleBlackOnWhiteWithAQuietZone() throws Exception {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(QrCode.png(LINK)));
        BitMatrix expected = new QRCodeWriter().encode(LINK, BarcodeFormat.QR_CODE, 0, 0,
                Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M, EncodeHintType.MARGIN, 4,
                        EncodeHintType.CHARACTER_SET, "UTF-8"));

        assertThat(image.getWidth()).isEqualTo(expected.getWidth());
        assertThat(image.getHeight()).isEqualTo(expected.getHeight());
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y) & 0xFFFFFF;
                assertThat(rgb).as("pixel %d,%d", x, y).isEqualTo(expected.get(x, y) ? 0x000000 : 0xFFFFFF);
            }
        }
        for (int i = 0; i < image.getWidth(); i++) {
            assertThat(image.getRGB(i, 0) & 0xFFFFFF).isEqualTo(0xFFFFFF);
            assertThat(image.getRGB(0, i) & 0xFFFFFF).isEqualTo(0xFFFFFF);
        }
    }

    @Test
    void aScannerReadsTheLinkBack() throws Exception {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(QrCode.png(LINK + "中文")));
        BufferedImage scaled = new BufferedImage(image.getWidth() * 8, image.getHeight() * 8, BufferedImage.TYPE_INT_RGB);
        scaled.createGraphics().drawImage(image, 0, 0, scaled.getWidth(), scaled.getHeight(), null);

        int[] pixels = scaled.getRGB(0, 0, scaled.getWidth(), scaled.getHeight(), null, 0, scaled.getWidth());
        String text = new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(
                new RGBLuminanceSource(scaled.getWidth(), scaled.getHeight(), pixels))),
                Map.of(DecodeHintType.CHARACTER_SET, "UTF-8")).getText();

        assertThat(text).isEqualTo(LINK + "中文");
    }
}
