package cn.titlecert.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The review journey in a real browser: a holder applies, the employer returns it with a reason, the
 * holder corrects and resubmits, employer and supervisory department approve, the holder sees the month.
 */
class ReviewBrowserTest extends BrowserTest {

    private void setDate(String id, LocalDate date) {
        ((JavascriptExecutor) browser).executeScript("document.getElementById(arguments[0]).value = arguments[1]", id,
                date.toString());
    }

    private void clickAndWait(By locator) {
        BrowserSupport.clickAndWait(browser, locator);
    }

    /** Submits the decision form and waits until the task list confirms it. */
    private void submitDecision(String applicationId) {
        browser.findElement(By.id("submit-decision")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.urlToBe(url("/tasks")));
        assertThat(browser.findElement(By.id("flash-message")).getText()).contains(applicationId);
    }

    private void openTaskFor(String applicationId) {
        browser.get(url("/tasks"));
        List<WebElement> rows = browser.findElements(By.cssSelector("tr[data-application-id='" + applicationId + "']"));
        assertThat(rows).as("a task for application " + applicationId).hasSize(1);
        rows.get(0).findElement(By.className("open-task")).click();
    }

    @Test
    void aHolderAppliesIsReturnedCorrectsAndIsApprovedThroughBothTiers() throws Exception {
        String title = "浏览器测试工程师" + (System.nanoTime() % 100000);
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));

        signInAs("holder");
        browser.get(url("/applications/new"));
        new Select(browser.findElement(By.id("path"))).selectByValue("SELF_APPOINTMENT");
        browser.findElement(By.id("series")).sendKeys("工程技术");
        browser.findElement(By.id("specialty")).sendKeys("电子信息");
        browser.findElement(By.id("titleName")).sendKeys(title);
        new Select(browser.findElement(By.id("level"))).selectByValue("INTERMEDIATE");
        setDate("obtainedOn", today.minusDays(10));
        clickAndWait(By.id("submit-application"));
        assertThat(browser.findElement(By.id("flash-message")).getText()).contains("申请已提交");
        assertThat(browser.findElement(By.id("application-waiting")).getText()).isEqualTo("用人单位审核");
        String applicationId = browser.getCurrentUrl().substring(browser.getCurrentUrl().lastIndexOf('/') + 1);

        signInAs("employer");
        openTaskFor(applicationId);
        assertThat(browser.findElement(By.id("application-title")).getText()).isEqualTo(title);
        browser.findElement(By.id("decision-return")).click();
        clickAndWait(By.id("submit-decision"));
        assertThat(browser.findElement(By.id("flash-error")).getText()).contains("必须填写理由");
        browser.findElement(By.id("decision-return")).click();
        browser.findElement(By.id("decisionReason")).sendKeys("聘任文件缺少盖章页");
        BrowserSupport.screenshot(browser, "task-employer");
        submitDecision(applicationId);

        signInAs("holder");
        browser.get(url("/applications/" + applicationId));
        assertThat(browser.findElement(By.id("application-status")).getText()).isEqualTo("退回修改");
        assertThat(browser.findElement(By.id("application-history")).getText()).contains("聘任文件缺少盖章页");
        setDate("obtainedOn", today.minusDays(9));
        clickAndWait(By.id("resubmit"));
        assertThat(browser.findElement(By.id("application-status")).getText()).isEqualTo("审核中");

        signInAs("employer");
        openTaskFor(applicationId);
        browser.findElement(By.id("decision-approve")).click();
        submitDecision(applicationId);

        signInAs("supervisor");
        openTaskFor(applicationId);
        browser.findElement(By.id("decision-approve")).click();
        submitDecision(applicationId);

        signInAs("holder");
        browser.get(url("/applications/" + applicationId));
        assertThat(browser.findElement(By.id("application-status")).getText()).isEqualTo("已通过，待制证");
        assertThat(browser.findElement(By.id("application-month")).getText()).matches("\\d{4}-\\d{2}");
        assertThat(browser.findElement(By.id("application-history")).getText()).contains("退回修改", "通过");
        BrowserSupport.screenshot(browser, "application-approved");
    }
}
