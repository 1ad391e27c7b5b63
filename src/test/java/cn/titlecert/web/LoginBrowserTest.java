package cn.titlecert.web;

import static org.assertj.core.api.Assertions.assertThat;


import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/** The first journey of every user, in a real browser: sign in, see one's own page, switch language, sign out. */
class LoginBrowserTest extends BrowserTest {

    private void signIn(String username, String password) {
        browser.get(url("/"));
        assertThat(browser.getCurrentUrl()).endsWith("/login");
        browser.findElement(By.id("username")).sendKeys(username);
        browser.findElement(By.id("password")).sendKeys(password);
        clickAndWait(By.id("login-submit"));
    }

    private void clickAndWait(By locator) {
        BrowserSupport.clickAndWait(browser, locator);
    }

    @Test
    void aHolderSignsInSeesTheirMaskedDataSwitchesToEnglishAndSignsOut() throws Exception {
        signIn("holder", "demo");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("欢迎，张三");
        assertThat(browser.findElement(By.id("my-id-number")).getText()).isEqualTo("1201**********0014");
        assertThat(browser.getPageSource()).doesNotContain("120101198805120014");
        assertThat(browser.findElements(By.id("tasks"))).isEmpty();
        BrowserSupport.screenshot(browser, "home-holder-zh");

        clickAndWait(By.id("lang-en"));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Welcome, 张三");
        assertThat(browser.findElement(By.id("my-certificates")).getText()).contains("My certificates");
        BrowserSupport.screenshot(browser, "home-holder-en");

        clickAndWait(By.id("logout"));
        assertThat(browser.getCurrentUrl()).contains("/login");
        assertThat(browser.getPageSource()).contains("You have signed out.");
        browser.get(url("/"));
        assertThat(browser.getCurrentUrl()).endsWith("/login");
    }

    @Test
    void aSupervisorSeesItsDepartmentAndTheEmployersBelowIt() throws Exception {
        signIn("supervisor", "demo");
        String organisations = browser.findElement(By.id("organisations")).getText();
        assertThat(organisations).contains("天津市工业和信息化局", "天津滨海电子科技有限公司", "天津华北机械制造有限公司")
                .doesNotContain("天津市第一中心医院");
        assertThat(browser.findElement(By.id("tasks")).getText()).contains("主管部门审核");
        BrowserSupport.screenshot(browser, "home-supervisor");
    }

    @Test
    void aWrongPasswordIsExplained() throws Exception {
        signIn("nobody", "wrong");
        assertThat(browser.findElement(By.id("login-error")).getText()).contains("用户名或密码错误");
    }
}
