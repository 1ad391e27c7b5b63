package cn.titlecert.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The bureau creates an employer's account on a phone-sized screen; the new member of staff signs in with the
 * temporary password, is led to the password page and chooses their own.
 */
class StaffAccountBrowserTest extends BrowserTest {

    private long overflow() {
        return ((Number) ((JavascriptExecutor) browser).executeScript(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth;")).longValue();
    }

    @Test
    void aBureauCreatesAnAccountOnAPhoneAndItsFirstSignInChangesThePassword() throws Exception {
        signInAs("bureau");
        browser.manage().window().setSize(new Dimension(390, 844));
        BrowserSupport.clickAndWait(browser, By.id("nav-staff-accounts"));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("工作人员账号");
        assertThat(browser.findElement(By.id("account-employer")).getText()).contains("用人单位", "滨海电子人力资源部");
        assertThat(overflow()).as("no horizontal overflow on the list").isLessThanOrEqualTo(0);
        BrowserSupport.screenshot(browser, "staff-accounts-390");
        BrowserSupport.clickAndWait(browser, By.id("staff-account-new"));
        assertThat(overflow()).as("no horizontal overflow on the form").isLessThanOrEqualTo(0);

        String username = "zhou" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        browser.findElement(By.id("account-username")).sendKeys(username);
        browser.findElement(By.id("account-name")).sendKeys("周人事");
        browser.findElement(By.id("account-email")).sendKeys(username + "@example.cn");
        browser.findElement(By.id("role-EMPLOYER")).click();
        Select organisation = new Select(browser.findElement(By.id("account-organisation")));
        organisation.getOptions().stream().filter(o -> o.getText().startsWith("天津市第一中心医院")).findFirst()
                .orElseThrow().click();
        BrowserSupport.screenshot(browser, "staff-account-form-390");
        BrowserSupport.clickAndWait(browser, By.id("staff-account-submit"));

        assertThat(browser.findElement(By.id("issued-username")).getText()).isEqualTo(username);
        String temporary = browser.findElement(By.id("temporary-password")).getText();
        assertThat(temporary).hasSize(16);
        assertThat(browser.findElement(By.id("issued-note")).getText()).contains("只在此显示一次", "首次登录时须修改密码");
        assertThat(browser.getCurrentUrl()).doesNotContain(temporary);
        assertThat(overflow()).as("no horizontal overflow on the password page").isLessThanOrEqualTo(0);
        BrowserSupport.screenshot(browser, "staff-account-issued-390");

        browser.manage().deleteAllCookies();
        browser.get(url("/login"));
        browser.findElement(By.id("username")).sendKeys(username);
        browser.findElement(By.id("password")).sendKeys(temporary);
        browser.findElement(By.id("login-submit")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.urlToBe(url("/account/password")));
        assertThat(browser.findElement(By.id("password-required")).isDisplayed()).isTrue();
        assertThat(overflow()).as("no horizontal overflow on the password change").isLessThanOrEqualTo(0);
        browser.findElement(By.id("currentPassword")).sendKeys(temporary);
        browser.findElement(By.id("newPassword")).sendKeys("Hospital2026staff");
        browser.findElement(By.id("confirmation")).sendKeys("Hospital2026staff");
        browser.findElement(By.id("password-submit")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.urlToBe(url("/?password-changed")));
        assertThat(browser.findElement(By.id("current-user")).getText()).isEqualTo("周人事");
        browser.get(url("/tasks"));
        assertThat(browser.getCurrentUrl()).isEqualTo(url("/tasks"));
    }
}
