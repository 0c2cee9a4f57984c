package app.goblina.launcher.page;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The machine's Chromium (Debian's {@code chromium} and {@code chromium-driver}), headless, driven through its own
 * chromedriver: Selenium is given both paths, so it never looks for or downloads a driver or a browser. Each start
 * gets a fresh profile and no network of its own (no sync, updates or background fetches).
 */
final class HeadlessChromium {

    static final Path BROWSER = Path.of("/usr/bin/chromium");
    static final Path DRIVER = Path.of("/usr/bin/chromedriver");

    private HeadlessChromium() {
    }

    /**
     * Skips the calling test when Chromium or its driver is missing, or fails it when {@code CI} is set (CI
     * installs both: {@code .ci/run}, REQUIRED_PACKAGES).
     */
    static void requireInstalled() {
        if (Files.isExecutable(BROWSER) && Files.isExecutable(DRIVER)) {
            return;
        }
        String message = "The web page's browser test needs Chromium and its driver at " + BROWSER + " and " + DRIVER
                + " (Debian: apt-get install chromium chromium-driver)";
        if (System.getenv("CI") != null) {
            throw new AssertionError(message + "; CI must have them.");
        }
        Assumptions.abort(message + "; skipped.");
    }

    /** A new headless Chromium with a fresh profile in {@code profileDir}, its window {@code width}×{@code height}. */
    static ChromeDriver start(Path profileDir, int width, int height) {
        try {
            Files.createDirectories(profileDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BROWSER.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--autoplay-policy=no-user-gesture-required", "--user-data-dir=" + profileDir,
                "--window-size=" + width + "," + height);
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        return driver;
    }
}
