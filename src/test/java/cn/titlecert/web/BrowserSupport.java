package cn.titlecert.web;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Starts Debian's Chromium through Debian's chromedriver, headless; never downloads a browser. Where
 * they are missing the browser tests are skipped, unless {@code -Dbrowser.tests.required=true} (as in
 * CI), which makes a missing browser a failure.
 */
public final class BrowserSupport {

    private static final File CHROMIUM = new File(System.getProperty("browser.binary", "/usr/bin/chromium"));
    private static final File DRIVER = new File(System.getProperty("browser.driver", "/usr/bin/chromedriver"));

    private BrowserSupport() {
    }

    public static WebDriver start() throws Exception {
        boolean available = CHROMIUM.canExecute() && DRIVER.canExecute();
        if (!available) {
            if (Boolean.getBoolean("browser.tests.required")) {
                throw new IllegalStateException("Browser tests need Debian's chromium and chromium-driver: "
                        + "apt-get install -y chromium chromium-driver");
            }
            Assumptions.abort("chromium / chromedriver not installed; see docs/tests.md (browser tests)");
        }
        Path profile = Files.createTempDirectory("titlecert-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--window-size=1280,1000", "--lang=zh-CN", "--user-data-dir=" + profile);
        // Headless Chromium ignores --lang for Accept-Language; the preference sets it.
        options.setExperimentalOption("prefs", java.util.Map.of("intl.accept_languages", "zh-CN,zh"));
        // Console messages, for tests that a page runs without script errors (driver.manage().logs().get("browser")).
        options.setCapability("goog:loggingPrefs", java.util.Map.of("browser", "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER)
                .usingAnyFreePort().build();
        WebDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().implicitlyWait(Duration.ofSeconds(5));
        return driver;
    }

    /**
     * Clicks something that loads a new page and waits until the old page is gone, so the next read sees
     * the new page. Chromium reports a vanished node in more than one way; each means "gone".
     */
    public static void clickAndWait(WebDriver driver, By locator) {
        WebElement element = driver.findElement(locator);
        element.click();
        new WebDriverWait(driver, Duration.ofSeconds(15)).until(d -> {
            try {
                element.isEnabled();
                return false;
            } catch (WebDriverException gone) {
                return true;
            }
        });
    }

    /** Keeps a screenshot under target/screenshots for a person to look at. */
    public static void screenshot(WebDriver driver, String name) throws Exception {
        Path dir = Path.of("target", "screenshots");
        Files.createDirectories(dir);
        byte[] png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
        Files.write(dir.resolve(name + ".png"), png);
    }
}
