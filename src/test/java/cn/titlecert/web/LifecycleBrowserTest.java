package cn.titlecert.web;

import static org.assertj.core.api.Assertions.assertThat;


import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;

import cn.titlecert.security.UserAccountMapper;
import cn.titlecert.verification.IssuedCertificates;

/**
 * The lifecycle in a real browser: the holder asks for a correction from the certificate list, the supervisory
 * department approves it on its page; the bureau revokes a certificate and a verifier's phone then sees "revoked".
 */
class LifecycleBrowserTest extends BrowserTest {

    @Autowired
    IssuedCertificates issued;

    @Autowired
    UserAccountMapper accounts;

    @Test
    void theHolderAsksForACorrectionAndTheSupervisoryDepartmentApprovesIt() throws Exception {
        String number = issued.issue(accounts.findByUsername("holder").orElseThrow().personId()).certificate().number();
        signInAs("holder");
        browser.get(url("/certificates"));
        BrowserSupport.clickAndWait(browser, By.id("correct-" + number));
        assertThat(browser.findElement(By.id("correction-certificate")).getText()).isEqualTo(number);
        browser.findElement(By.id("change-titleSpecialty")).sendKeys("微电子学");
        browser.findElement(By.id("reason")).sendKeys("专业名称与评审结果不一致");
        BrowserSupport.screenshot(browser, "correction-form");
        BrowserSupport.clickAndWait(browser, By.id("submit-correction"));
        assertThat(browser.findElement(By.id("flash-message")).getText()).contains("已提交");
        assertThat(browser.findElement(By.id("correction-status")).getText()).isEqualTo("批准单位审核中");
        assertThat(browser.findElement(By.id("correction-changes")).getText()).contains("微电子学");
        String detail = browser.getCurrentUrl();

        signInAs("supervisor");
        browser.get(detail);
        browser.findElement(By.id("decision-approve")).click();
        BrowserSupport.clickAndWait(browser, By.id("submit-decision"));
        assertThat(browser.findElement(By.id("correction-status")).getText()).isEqualTo("发证机关审批中");
        BrowserSupport.screenshot(browser, "correction-at-bureau");
    }

    @Test
    void theBureauRevokesAndTheVerifierSeesItAtOnce() throws Exception {
        IssuedCertificates.Issued cert = issued.issue(accounts.findByUsername("holder").orElseThrow().personId());
        String number = cert.certificate().number();
        signInAs("bureau");
        browser.get(url("/certificates"));
        BrowserSupport.clickAndWait(browser, By.id("revoke-" + number));
        new Select(browser.findElement(By.id("reason"))).selectByValue("DUPLICATE");
        browser.findElement(By.id("remark")).sendKeys("与已发证书重复");
        BrowserSupport.clickAndWait(browser, By.id("submit-revocation"));
        assertThat(browser.findElement(By.id("revocation-status")).getText()).isEqualTo("已作废");

        browser.manage().deleteAllCookies();
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
        browser.get(cert.verifyUrl().replaceFirst("^https?://[^/]+", url("")));
        assertThat(browser.findElement(By.id("verify-status")).getText()).isEqualTo("此证书已作废");
        assertThat(browser.findElement(By.id("verify-revocation-reason")).getText()).contains("重复发放");
        BrowserSupport.screenshot(browser, "verify-revoked-phone");
    }
}
