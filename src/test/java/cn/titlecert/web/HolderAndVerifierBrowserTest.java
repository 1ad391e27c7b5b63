package cn.titlecert.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.springframework.beans.factory.annotation.Autowired;

import cn.titlecert.person.TestPhotos;
import cn.titlecert.security.UserAccountMapper;
import cn.titlecert.verification.IssuedCertificates;

/** The holder uploads a photo and sees it; a stranger scans a certificate's QR link on a phone and sees its status. */
class HolderAndVerifierBrowserTest extends BrowserTest {

    @Autowired
    IssuedCertificates issued;

    @Autowired
    UserAccountMapper accounts;

    private boolean imageLoaded(String id) {
        Object width = ((JavascriptExecutor) browser).executeScript(
                "const i = document.getElementById(arguments[0]); return i && i.complete ? i.naturalWidth : 0;", id);
        return ((Number) width).intValue() > 0;
    }

    @Test
    void theHolderUploadsAPhotoAndSeesThePreview() throws Exception {
        browser.get(url("/"));
        browser.findElement(By.id("username")).sendKeys("holder");
        browser.findElement(By.id("password")).sendKeys("demo");
        BrowserSupport.clickAndWait(browser, By.id("login-submit"));
        BrowserSupport.clickAndWait(browser, By.id("my-photo-link"));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("我的照片");
        assertThat(browser.findElement(By.id("photo-rules")).getText()).contains("600 KB", "128 × 180");

        Path wrong = Files.createTempFile("green", ".jpg");
        Files.write(wrong, TestPhotos.jpeg(TestPhotos.GREEN));
        browser.findElement(By.id("photo-file")).sendKeys(wrong.toAbsolutePath().toString());
        BrowserSupport.clickAndWait(browser, By.id("photo-submit"));
        assertThat(browser.findElement(By.id("flash-error")).getText()).contains("背景须为红色、蓝色或白色");

        Path photo = Files.createTempFile("red", ".jpg");
        Files.write(photo, TestPhotos.jpeg(TestPhotos.ID_RED));
        browser.findElement(By.id("photo-file")).sendKeys(photo.toAbsolutePath().toString());
        BrowserSupport.clickAndWait(browser, By.id("photo-submit"));
        assertThat(browser.findElement(By.id("flash-message")).getText()).isEqualTo("照片已上传。");
        assertThat(browser.findElement(By.id("photo-details")).getText()).contains("390 × 500");
        new org.openqa.selenium.support.ui.WebDriverWait(browser, java.time.Duration.ofSeconds(10))
                .until(d -> imageLoaded("photo-preview"));
        BrowserSupport.screenshot(browser, "photo-holder");
        Files.deleteIfExists(wrong);
        Files.deleteIfExists(photo);
    }

    @Test
    void aStrangerOpensTheQrLinkOnAPhoneAndSeesTheStatus() throws Exception {
        long holder = accounts.findByUsername("holder").orElseThrow().personId();
        IssuedCertificates.Issued certificate = issued.issue(holder);
        browser.manage().window().setSize(new Dimension(390, 844));
        // The QR code names the public address; the test server listens on its own port.
        browser.get(url("/verify/" + certificate.token()));
        assertThat(browser.findElement(By.id("verify-status")).getText()).isEqualTo("有效证书");
        assertThat(browser.findElement(By.id("verify-number")).getText()).isEqualTo(certificate.certificate().number());
        assertThat(browser.findElement(By.id("verify-id-number")).getText()).isEqualTo("1201**********0014");
        assertThat(browser.getPageSource()).doesNotContain("120101198805120014");
        assertThat(browser.findElements(By.id("logout"))).as("no sign-in needed").isEmpty();
        new org.openqa.selenium.support.ui.WebDriverWait(browser, java.time.Duration.ofSeconds(10))
                .until(d -> imageLoaded("verify-photo"));
        Object fits = ((JavascriptExecutor) browser).executeScript(
                "return document.documentElement.scrollWidth <= window.innerWidth;");
        assertThat(fits).as("nothing wider than the phone's screen").isEqualTo(true);
        BrowserSupport.screenshot(browser, "verify-phone");

        browser.get(url("/verify/not-a-real-token"));
        assertThat(browser.findElement(By.id("verify-status")).getText()).isEqualTo("未找到证书");
    }
}
