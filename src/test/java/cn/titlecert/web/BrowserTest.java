package cn.titlecert.web;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * What every browser test shares: the product on a random port, a fresh headless Debian Chromium per test (see
 * {@link BrowserSupport}), closed afterwards whatever happened, and addresses on that port.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class BrowserTest {

    @LocalServerPort
    protected int port;

    protected WebDriver browser;

    @BeforeEach
    void startBrowser() throws Exception {
        browser = BrowserSupport.start();
    }

    @AfterEach
    void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    /** Signs in as a demo account (password {@code demo}) from a clean session and waits for the home page. */
    protected void signInAs(String username) {
        browser.manage().deleteAllCookies();
        browser.get(url("/login"));
        browser.findElement(By.id("username")).sendKeys(username);
        browser.findElement(By.id("password")).sendKeys("demo");
        browser.findElement(By.id("login-submit")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.urlToBe(url("/")));
    }

    /** The address of a path on the product under test. */
    protected String url(String path) {
        return "http://localhost:" + port + path;
    }
}
