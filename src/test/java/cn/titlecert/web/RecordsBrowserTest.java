package cn.titlecert.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;

import cn.titlecert.TestData;
import cn.titlecert.organisation.OrganisationService;
import cn.titlecert.person.Person;
import cn.titlecert.person.PersonService;

/** A supervisory department records misuse with an evidence file; the bureau reads the trail and checks the chain. */
class RecordsBrowserTest extends BrowserTest {

    @Autowired TestData data;
    @Autowired OrganisationService organisations;
    @Autowired PersonService persons;

    private void login(String username) {
        browser.get(url("/"));
        browser.findElement(By.id("username")).sendKeys(username);
        browser.findElement(By.id("password")).sendKeys("demo");
        BrowserSupport.clickAndWait(browser, By.id("login-submit"));
    }

    @Test
    void misuseIsRecordedAndTheTrailShowsIt() throws Exception {
        Person person = data.person("吴十", organisations.findByCode("TJ-EMP-HBJX").orElseThrow());
        String idNumber = persons.idNumberOf(person.id()).value();
        login("supervisor");
        BrowserSupport.clickAndWait(browser, By.id("home-credit"));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("诚信档案");
        browser.findElement(By.id("credit-id-number")).sendKeys(idNumber);
        new Select(browser.findElement(By.id("credit-kind"))).selectByVisibleText("挂证");
        browser.findElement(By.id("credit-facts")).sendKeys("将高级工程师证书挂靠于某建筑公司，收取挂证费用。");
        browser.findElement(By.id("credit-reference")).sendKeys("津工信稽〔2026〕7号");
        Path evidence = Files.createTempFile("evidence", ".pdf");
        Files.write(evidence, "%PDF-1.4\n%%EOF\n".getBytes());
        browser.findElement(By.id("credit-evidence")).sendKeys(evidence.toAbsolutePath().toString());
        new Select(browser.findElement(By.id("credit-decision"))).selectByVisibleText("记入诚信档案");
        browser.findElement(By.id("credit-years")).sendKeys("3");
        ((JavascriptExecutor) browser).executeScript("document.getElementById('credit-decided-on').value = '2026-11-20';");
        BrowserSupport.clickAndWait(browser, By.id("credit-submit"));
        assertThat(browser.findElement(By.id("flash-message")).getText()).startsWith("已登记诚信档案记录");
        String table = browser.findElement(By.id("credit-table")).getText();
        assertThat(table).contains("吴十", idNumber.substring(0, 4) + "**********", "挂证", "记入诚信档案", "有效")
                .doesNotContain(idNumber);
        BrowserSupport.screenshot(browser, "credit-archive");
        Files.deleteIfExists(evidence);

        browser.manage().deleteAllCookies();
        login("bureau");
        BrowserSupport.clickAndWait(browser, By.id("home-audit"));
        browser.findElement(By.id("filter-action")).sendKeys("CREDIT_RECORDED");
        BrowserSupport.clickAndWait(browser, By.id("filter-submit"));
        assertThat(browser.findElement(By.id("audit-table")).getText()).contains("supervisor", "CREDIT_RECORDED",
                "person=" + person.id());
        BrowserSupport.clickAndWait(browser, By.id("audit-verify"));
        assertThat(browser.findElement(By.id("audit-intact")).getText()).startsWith("哈希链完整");
        BrowserSupport.screenshot(browser, "audit-trail");
    }
}
