package cn.titlecert.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;

import cn.titlecert.organisation.Organisation;
import cn.titlecert.organisation.OrganisationService;

/** The bureau creates a committee on a phone-sized screen: the form fits, the tree shows it. */
class OrganisationBrowserTest extends BrowserTest {

    @Autowired OrganisationService organisations;

    private long overflow() {
        return ((Number) ((JavascriptExecutor) browser).executeScript(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth;")).longValue();
    }

    @Test
    void aBureauCreatesACommitteeOnAPhone() throws Exception {
        signInAs("bureau");
        browser.manage().window().setSize(new Dimension(390, 844));
        BrowserSupport.clickAndWait(browser, By.id("nav-organisations"));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("单位管理");
        assertThat(overflow()).as("no horizontal overflow on the list").isLessThanOrEqualTo(0);
        BrowserSupport.clickAndWait(browser, By.id("organisation-new"));
        assertThat(overflow()).as("no horizontal overflow on the form").isLessThanOrEqualTo(0);

        String code = "T-" + UUID.randomUUID().toString().substring(0, 8);
        browser.findElement(By.id("org-code")).sendKeys(code);
        browser.findElement(By.id("org-name")).sendKeys("天津市工程技术系列测试专业中级评审委员会");
        new Select(browser.findElement(By.id("org-type"))).selectByVisibleText("评审委员会");
        Select parent = new Select(browser.findElement(By.id("org-parent")));
        parent.getOptions().stream().filter(o -> o.getText().contains("天津市工业和信息化局")).findFirst().orElseThrow().click();
        browser.findElement(By.id("org-approval")).sendKeys("津人社职备〔2026〕9号");
        browser.findElement(By.cssSelector("#org-series input[value='工程技术']")).click();
        browser.findElement(By.id("level-INTERMEDIATE")).click();
        browser.findElement(By.id("org-reason")).sendKeys("新组建");
        BrowserSupport.screenshot(browser, "organisation-form-390");
        BrowserSupport.clickAndWait(browser, By.id("organisation-submit"));

        assertThat(browser.findElement(By.id("flash-message")).getText()).contains("已新建单位");
        Organisation created = organisations.findByCode(code).orElseThrow();
        assertThat(created.approvalNumber()).isEqualTo("津人社职备〔2026〕9号");
        assertThat(created.reviewLevels()).isEqualTo("INTERMEDIATE");
        assertThat(browser.findElement(By.id("org-" + created.id())).getText()).contains("评审委员会", code);
        assertThat(overflow()).as("no horizontal overflow after saving").isLessThanOrEqualTo(0);
        BrowserSupport.screenshot(browser, "organisations-390");
    }
}
