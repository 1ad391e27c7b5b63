package cn.titlecert.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;

import cn.titlecert.TestData;
import cn.titlecert.certificate.Certificate;
import cn.titlecert.certificate.CertificateMapper;
import cn.titlecert.notification.Notification;
import cn.titlecert.notification.Notifications;
import cn.titlecert.organisation.OrganisationService;
import cn.titlecert.person.Person;
import cn.titlecert.person.PersonService;
import cn.titlecert.person.PhotoMapper;
import cn.titlecert.person.TestPhotos;
import cn.titlecert.security.UserAccountMapper;
import cn.titlecert.verification.IssuedCertificates;

/**
 * Journeys in headless Chromium: the holder annotates a certificate and a stranger scans the annotated copy's QR
 * code (decoded from the PDF rendered by poppler's pdftoppm) on a phone; the organizing unit uploads a ZIP of
 * photos; a verifier without an account checks a certificate with the code sent to the holder's phone.
 */
class AnnotationAndChecksBrowserTest extends BrowserTest {

    private static final Pattern CODE = Pattern.compile("验证码 (\\d{6})");

    @Autowired IssuedCertificates issued;
    @Autowired UserAccountMapper accounts;
    @Autowired PersonService persons;
    @Autowired CertificateMapper certificates;
    @Autowired Notifications outbox;
    @Autowired TestData testData;
    @Autowired OrganisationService organisations;
    @Autowired PhotoMapper photos;

    private void login(String username) {
        browser.get(url("/"));
        browser.findElement(By.id("username")).sendKeys(username);
        browser.findElement(By.id("password")).sendKeys("demo");
        BrowserSupport.clickAndWait(browser, By.id("login-submit"));
    }

    private boolean fitsTheScreen() {
        return Boolean.TRUE.equals(((JavascriptExecutor) browser)
                .executeScript("return document.documentElement.scrollWidth <= window.innerWidth;"));
    }

    /** Downloads through the signed-in browser (its session cookie), as the page's link does. */
    private byte[] fetch(String href) {
        Object base64 = ((JavascriptExecutor) browser).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                fetch(arguments[0], {credentials: 'same-origin'}).then(r => r.arrayBuffer()).then(b => {
                  let s = ''; const a = new Uint8Array(b);
                  for (let i = 0; i < a.length; i++) s += String.fromCharCode(a[i]);
                  done(btoa(s));
                });""", href);
        return Base64.getDecoder().decode((String) base64);
    }

    /** The QR code on the PDF, as poppler renders it (falls back to PDFBox where poppler is missing). */
    private static String qrOf(byte[] pdf) throws Exception {
        if (!Files.isExecutable(Path.of("/usr/bin/pdftoppm"))) {
            return IssuedCertificates.qrText(pdf);
        }
        Path dir = Files.createTempDirectory("annotated");
        Path file = dir.resolve("copy.pdf");
        Files.write(file, pdf);
        Process pdftoppm = new ProcessBuilder("pdftoppm", "-png", "-r", "150", "-singlefile", file.toString(),
                dir.resolve("copy").toString()).redirectErrorStream(true).start();
        assertThat(pdftoppm.waitFor(60, TimeUnit.SECONDS)).isTrue();
        BufferedImage page = ImageIO.read(dir.resolve("copy.png").toFile());
        Files.copy(dir.resolve("copy.png"), Path.of("target", "screenshots", "annotated-copy.png"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        return IssuedCertificates.qrTextOfImage(page).orElseThrow(() -> new AssertionError("no QR code on the copy"));
    }

    @Test
    void theHolderAnnotatesACertificateAndAStrangerScansTheCopyOnAPhone() throws Exception {
        Files.createDirectories(Path.of("target", "screenshots"));
        IssuedCertificates.Issued original = issued.issue(accounts.findByUsername("holder").orElseThrow().personId());
        String number = original.certificate().number();
        login("holder");
        BrowserSupport.clickAndWait(browser, By.id("nav-certificates"));
        assertThat(browser.findElement(By.id("annotation-rules")).getText()).contains("90 天");
        browser.findElement(By.id("scenario-" + number)).sendKeys("求职应聘");
        BrowserSupport.clickAndWait(browser, By.id("annotate-submit-" + number));
        assertThat(browser.findElement(By.id("flash-message")).getText()).startsWith("已生成加注证书，有效期至");
        String row = browser.findElement(By.id("annotation-table")).getText();
        assertThat(row).contains(number, "求职应聘", "有效");
        BrowserSupport.screenshot(browser, "annotations-holder");

        // A second request in the period is refused in words; the copy made stays downloadable.
        browser.findElement(By.id("scenario-" + number)).sendKeys("职称评审");
        BrowserSupport.clickAndWait(browser, By.id("annotate-submit-" + number));
        assertThat(browser.findElement(By.id("flash-error")).getText()).contains("90 天内只能加注 1 次");

        List<org.openqa.selenium.WebElement> downloads = browser.findElements(
                By.cssSelector("#annotation-table a[id^='annotation-download-']"));
        String href = downloads.stream().map(a -> a.getAttribute("href"))
                .filter(h -> h.contains("/api/certificates/" + number + "/")).findFirst().orElseThrow();
        byte[] pdf = fetch(href);
        assertThat(new String(pdf, 0, 5, StandardCharsets.ISO_8859_1)).isEqualTo("%PDF-");
        String link = qrOf(pdf);
        String token = URI.create(link).getPath().substring("/verify/".length());
        assertThat(token).isNotEqualTo(original.token());
        org.openqa.selenium.WebElement ours = browser.findElements(By.cssSelector("#annotation-table tbody tr")).stream()
                .filter(tr -> tr.findElements(By.tagName("td")).get(0).getText().equals(number)).findFirst().orElseThrow();
        String expires = ours.findElements(By.tagName("td")).get(3).getText();
        assertThat(java.time.LocalDate.parse(expires)).isAfter(java.time.LocalDate.now().plusDays(80));

        // The stranger's phone: no sign-in.
        browser.manage().deleteAllCookies();
        browser.manage().window().setSize(new Dimension(390, 844));
        browser.get(url("/verify/" + token));
        assertThat(browser.findElement(By.id("verify-status")).getText()).isEqualTo("有效证书");
        assertThat(browser.findElement(By.id("verify-scenario")).getText()).isEqualTo("求职应聘");
        assertThat(browser.findElement(By.id("verify-expires-on")).getText()).isEqualTo(expires);
        assertThat(browser.findElement(By.id("verify-number")).getText()).isEqualTo(number);
        assertThat(browser.findElement(By.id("verify-id-number")).getText()).isEqualTo("1201**********0014");
        assertThat(browser.findElements(By.id("logout"))).isEmpty();
        assertThat(fitsTheScreen()).as("nothing wider than the phone's screen").isTrue();
        BrowserSupport.screenshot(browser, "verify-annotated-phone");
    }

    @Test
    void theEmployerUploadsAZipOfPhotosAndReadsTheReport() throws Exception {
        Person person = testData.person("吴刚", organisations.findByCode("TJ-EMP-BHDZ").orElseThrow());
        String id = persons.idNumberOf(person.id()).value();
        byte[] blue = TestPhotos.jpeg(TestPhotos.ID_BLUE);
        Path zip = Files.createTempFile("photos", ".zip");
        Files.write(zip, TestPhotos.zip(StandardCharsets.UTF_8, "吴刚_" + id + ".jpg", blue,
                "王五_" + id + ".jpg", blue, "readme.txt", "x".getBytes(StandardCharsets.UTF_8)));
        login("employer");
        BrowserSupport.clickAndWait(browser, By.id("photo-archive-link"));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("批量上传照片");
        browser.findElement(By.id("archive-file")).sendKeys(zip.toAbsolutePath().toString());
        BrowserSupport.clickAndWait(browser, By.id("archive-submit"));
        assertThat(browser.findElement(By.id("archive-summary")).getText()).isEqualTo("共 3 个文件：已保存 1 个，未保存 2 个。");
        String report = browser.findElement(By.id("archive-results")).getText();
        assertThat(report).contains("已保存", "文件名中的姓名与此身份证号登记的姓名不一致", "文件名须为“姓名_身份证号.jpg”")
                .doesNotContain(id);
        assertThat(photos.findCurrent(person.id())).isPresent();
        BrowserSupport.screenshot(browser, "photo-archive");

        browser.findElement(By.id("lang-en")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> d.findElement(By.tagName("h1")).getText()
                .equals("Upload photos in bulk"));
        browser.findElement(By.id("archive-file")).sendKeys(zip.toAbsolutePath().toString());
        BrowserSupport.clickAndWait(browser, By.id("archive-submit"));
        assertThat(browser.findElement(By.id("archive-summary")).getText()).isEqualTo("3 files: 1 stored, 2 not stored.");
        Files.deleteIfExists(zip);
    }

    @Test
    void aVerifierChecksACertificateWithTheCodeSentToTheHoldersPhone() throws Exception {
        long personId = accounts.findByUsername("holder").orElseThrow().personId();
        Certificate certificate = certificates.findByPerson(personId).stream()
                .filter(c -> c.releaseOn() == null || !c.releaseOn().isAfter(java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")))).findFirst()
                .orElseThrow();
        String idNumber = persons.idNumberOf(personId).value();
        String phone = persons.phoneOf(personId).orElseThrow().value();

        browser.manage().window().setSize(new Dimension(390, 844));
        browser.get(url("/login"));
        BrowserSupport.clickAndWait(browser, By.id("third-party-check-link"));
        browser.findElement(By.id("check-id-number")).sendKeys(idNumber);
        browser.findElement(By.id("check-certificate-number")).sendKeys(certificate.number());
        browser.findElement(By.id("check-phone")).sendKeys(phone);
        BrowserSupport.clickAndWait(browser, By.id("check-submit"));
        assertThat(browser.findElement(By.id("check-sent")).getText()).contains("验证码已发送到持证人的手机");

        String masked = phone.substring(0, 3) + "****" + phone.substring(7);
        Notification sent = outbox.outbox(50, "THIRD_PARTY_CODE").stream()
                .filter(n -> n.recipientMasked().equals(masked)).findFirst().orElseThrow();
        Matcher m = CODE.matcher(sent.body());
        assertThat(m.find()).isTrue();
        String code = m.group(1);

        browser.findElement(By.id("check-code")).sendKeys(code.equals("000000") ? "111111" : "000000");
        BrowserSupport.clickAndWait(browser, By.id("check-confirm-submit"));
        assertThat(browser.findElement(By.id("flash-error")).getText()).isEqualTo("验证码不正确，还可尝试 4 次。");
        browser.findElement(By.id("check-code")).sendKeys(code);
        BrowserSupport.clickAndWait(browser, By.id("check-confirm-submit"));
        assertThat(browser.findElement(By.id("verify-status")).getText()).isEqualTo("有效证书");
        assertThat(browser.findElement(By.id("verify-number")).getText()).isEqualTo(certificate.number());
        assertThat(browser.findElement(By.id("verify-id-number")).getText())
                .isEqualTo(idNumber.substring(0, 4) + "**********" + idNumber.substring(14));
        assertThat(browser.getPageSource()).doesNotContain(idNumber);
        assertThat(fitsTheScreen()).as("nothing wider than the phone's screen").isTrue();
        BrowserSupport.screenshot(browser, "third-party-check-phone");
    }
}
