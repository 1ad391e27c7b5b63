package cn.titlecert.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.logging.Level;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.support.ui.WebDriverWait;

import cn.titlecert.web.BrowserSupport;
import cn.titlecert.web.BrowserTest;

/** The operator opens the dashboard from the home page: every chart is drawn from the JSON, without script errors. */
class DashboardBrowserTest extends BrowserTest {

    private static final List<String> CHARTS = List.of("chart-issued-month", "chart-issued-path", "chart-issued-level",
            "chart-cycle", "chart-backlog");

    private Object script(String js, Object... args) {
        return ((JavascriptExecutor) browser).executeScript(js, args);
    }

    @Test
    void theChartsAreDrawnFromTheJsonWithoutErrors() throws Exception {
        browser.get(url("/"));
        browser.findElement(By.id("username")).sendKeys("operator");
        browser.findElement(By.id("password")).sendKeys("demo");
        BrowserSupport.clickAndWait(browser, By.id("login-submit"));
        BrowserSupport.clickAndWait(browser, By.id("dashboard-link"));
        new WebDriverWait(browser, Duration.ofSeconds(20))
                .until(d -> "true".equals(d.findElement(By.id("dashboard")).getDomAttribute("data-loaded")));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("运行看板");

        for (String id : CHARTS) {
            assertThat(script("return typeof Chart !== 'undefined' && Chart.getChart(arguments[0]) !== undefined;", id))
                    .as("a chart object on " + id).isEqualTo(true);
            Number painted = (Number) script("const c = document.getElementById(arguments[0]);"
                    + "const data = c.getContext('2d').getImageData(0, 0, c.width, c.height).data; let n = 0;"
                    + "for (let i = 3; i < data.length; i += 4) { if (data[i] > 0) n++; } return n;", id);
            assertThat(painted.longValue()).as("pixels drawn on " + id).isGreaterThan(100);
        }
        // The figures behind the charts are the JSON's: the total of issued certificates matches the bars.
        Number bars = (Number) script("return Chart.getChart('chart-issued-month').data.datasets[0].data"
                + ".reduce((a, b) => a + b, 0);");
        assertThat(browser.findElement(By.id("issued-total")).getText()).isEqualTo(String.valueOf(bars.longValue()));
        assertThat(browser.findElement(By.id("dashboard-error")).isDisplayed()).isFalse();
        assertThat(browser.findElement(By.id("export-xlsx")).getDomAttribute("href")).contains("format=xlsx");

        // Another range redraws the charts.
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("dashboard-months"))).selectByValue("3");
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> ((Number) ((JavascriptExecutor) d).executeScript(
                "return Chart.getChart('chart-issued-month').data.labels.length;")).intValue() == 3);
        BrowserSupport.screenshot(browser, "dashboard");

        List<LogEntry> errors = browser.manage().logs().get("browser").getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue()).toList();
        assertThat(errors).as("console errors").isEmpty();
    }
}
