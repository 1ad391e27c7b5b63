package cn.titlecert.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.springframework.beans.factory.annotation.Autowired;

import cn.titlecert.notification.Notifications;
import cn.titlecert.person.Person;
import cn.titlecert.person.PersonService;
import cn.titlecert.verification.IssuedCertificates;

/** A holder with a certificate registers on a phone from the login page, then signs in and finds the certificate. */
class RegistrationBrowserTest extends BrowserTest {

    private static final Pattern CODE = Pattern.compile("注册验证码 (\\d{6})");

    @Autowired IssuedCertificates issued;
    @Autowired PersonService persons;
    @Autowired Notifications notifications;

    private boolean fitsThePhone() {
        return (Boolean) ((JavascriptExecutor) browser).executeScript(
                "return document.documentElement.scrollWidth <= window.innerWidth;");
    }

    @Test
    void aHolderRegistersOnAPhoneAndSignsIn() throws Exception {
        Person person = issued.personWithPhoto("网上注册");
        String number = issued.certificate(person.id()).number();
        String idNumber = persons.idNumberOf(person.id()).value();
        String phone = persons.phoneOf(person.id()).orElseThrow().value();
        String username = "web" + Long.toString(System.nanoTime(), 36);
        browser.manage().window().setSize(new Dimension(390, 844));

        browser.get(url("/login"));
        BrowserSupport.clickAndWait(browser, By.id("register-link"));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("注册账号");
        assertThat(fitsThePhone()).as("nothing wider than the phone's screen").isTrue();
        browser.findElement(By.id("register-name")).sendKeys(person.name());
        browser.findElement(By.id("register-id-number")).sendKeys(idNumber);
        browser.findElement(By.id("register-phone")).sendKeys(phone);
        BrowserSupport.clickAndWait(browser, By.id("register-submit"));
        assertThat(browser.findElement(By.id("register-sent")).getText()).contains("如信息与登记一致");
        assertThat(fitsThePhone()).isTrue();
        BrowserSupport.screenshot(browser, "register-code-phone");

        Matcher m = CODE.matcher(notifications.outbox(1, "REGISTRATION_CODE").get(0).body());
        assertThat(m.find()).isTrue();
        String code = m.group(1);

        browser.findElement(By.id("register-code")).sendKeys(code);
        browser.findElement(By.id("register-username")).sendKeys(username);
        browser.findElement(By.id("register-password")).sendKeys("abc1234567");
        browser.findElement(By.id("register-password-again")).sendKeys("abc1234567");
        BrowserSupport.clickAndWait(browser, By.id("register-confirm-submit"));
        assertThat(browser.findElement(By.id("flash-error")).getText()).isEqualTo("这个密码太常见，容易被猜中，请换一个。");
        assertThat(fitsThePhone()).isTrue();

        browser.findElement(By.id("register-code")).sendKeys(code);
        browser.findElement(By.id("register-password")).sendKeys("Harbour7Maple9");
        browser.findElement(By.id("register-password-again")).sendKeys("Harbour7Maple9");
        BrowserSupport.clickAndWait(browser, By.id("register-confirm-submit"));
        assertThat(browser.findElement(By.id("register-registered")).getText()).contains(username);
        assertThat(fitsThePhone()).isTrue();
        BrowserSupport.screenshot(browser, "register-done-phone");

        BrowserSupport.clickAndWait(browser, By.id("register-login"));
        browser.findElement(By.id("username")).sendKeys(username);
        browser.findElement(By.id("password")).sendKeys("Harbour7Maple9");
        BrowserSupport.clickAndWait(browser, By.id("login-submit"));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("欢迎，网上注册");
        browser.get(url("/certificates"));
        assertThat(browser.getPageSource()).contains(number);
    }
}
