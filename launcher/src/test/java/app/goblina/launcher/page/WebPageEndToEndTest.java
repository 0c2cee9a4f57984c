package app.goblina.launcher.page;

import static org.assertj.core.api.Assertions.assertThat;

import app.goblina.launcher.processes.Platform;
import app.goblina.launcher.processes.PlatformOptions;
import app.goblina.tenants.ApiKeys;
import app.goblina.testkit.FreePort;
import app.goblina.testkit.TestDatabase;
import app.goblina.testkit.S3Server;
import app.goblina.testkit.TestPostgres;
import app.goblina.testkit.TestS3;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The creator's web page in a real browser against the real platform: headless Chromium on the page the API
 * serves at {@code /}, with the API and a worker as separate processes started by the launcher on the local
 * providers. Key, upload, style guide, a 2-scene short followed live over the event stream, a clip preview, and
 * the finished short playing; a screenshot of each step lands in {@code target/screenshots/}.
 */
class WebPageEndToEndTest {

    private static final Path REPO_ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path SCREENSHOTS = Path.of("target", "screenshots").toAbsolutePath();
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    @Test
    void aCreatorMakesAShortFromThePageAndWatchesItComeTogetherLive(@TempDir Path dataDir) throws Exception {
        HeadlessChromium.requireInstalled();
        TestDatabase database = TestPostgres.newDatabase();
        String key = ApiKeys.newKey("gob_page_");
        try (Platform platform = Platform.start(new PlatformOptions(REPO_ROOT, dataDir, database.jdbcUrl(),
                database.username(), database.password(), FreePort.pick(), 1, 0, key, Map.of()))) {
            ChromeDriver browser = HeadlessChromium.start(dataDir.resolve("chromium-profile"), 480, 1600);
            try {
                createShort(browser, platform.apiUrl().toString(), key, "blob:", SCREENSHOTS);
            } finally {
                browser.quit();
            }
        }
    }

    /**
     * The same, with the platform on S3 (the testkit's server), as on R2: the page plays each clip and the short
     * straight from the store's presigned links, which its policy allows, without downloading them first.
     */
    @Test
    void onS3StorageThePagePlaysTheClipsAndTheShortStraightFromTheStoresPresignedLinks(@TempDir Path dataDir)
            throws Exception {
        HeadlessChromium.requireInstalled();
        TestDatabase database = TestPostgres.newDatabase();
        String key = ApiKeys.newKey("gob_page_");
        S3Server s3 = TestS3.server();
        Map<String, String> storage = Map.of("GOBLINA_STORAGE_KIND", "s3",
                "GOBLINA_STORAGE_ENDPOINT", s3.endpoint().toString(), "GOBLINA_STORAGE_REGION", s3.region(),
                "GOBLINA_STORAGE_BUCKET", TestS3.newBucket(), "GOBLINA_STORAGE_ACCESS_KEY", s3.accessKey(),
                "GOBLINA_STORAGE_SECRET_KEY", s3.secretKey(), "GOBLINA_STORAGE_PATH_STYLE", "true");
        try (Platform platform = Platform.start(new PlatformOptions(REPO_ROOT, dataDir, database.jdbcUrl(),
                database.username(), database.password(), FreePort.pick(), 1, 0, key, storage))) {
            ChromeDriver browser = HeadlessChromium.start(dataDir.resolve("chromium-profile"), 480, 1600);
            try {
                String store = s3.endpoint().getScheme() + "://" + s3.endpoint().getRawAuthority() + "/";
                createShort(browser, platform.apiUrl().toString(), key, store, SCREENSHOTS.resolve("s3"));
            } finally {
                browser.quit();
            }
        }
    }

    /**
     * @param mediaFrom how the page's media sources begin: {@code blob:} for files it downloaded with the key, the
     *                  store's origin for presigned links
     */
    private void createShort(ChromeDriver browser, String apiUrl, String key, String mediaFrom, Path screenshots)
            throws Exception {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofMinutes(3), Duration.ofMillis(100));
        JavascriptExecutor js = browser;
        Files.createDirectories(screenshots);

        // 1. the key, pasted: kept in sessionStorage only
        browser.get(apiUrl.replaceAll("/$", "") + "/");
        assertThat(browser.getTitle()).isEqualTo("Goblina studio");
        browser.findElement(By.id("api-key")).sendKeys(key);
        browser.findElement(By.id("save-key")).click();
        wait.until(ExpectedConditions.textToBe(By.id("key-status"), "A key is set for this tab."));
        assertThat(js.executeScript("return sessionStorage.getItem('goblina.apiKey')")).isEqualTo(key);
        assertThat(js.executeScript("return localStorage.length")).isEqualTo(0L);
        assertThat(browser.findElement(By.id("api-key")).getDomProperty("value")).isEmpty();
        screenshot(browser, screenshots, "01-key");

        // 2. the character, uploaded and analysed: its style guide with palette swatches
        browser.findElement(By.id("character-image")).sendKeys(REPO_ROOT.resolve("examples/ms-goblina.png").toString());
        browser.findElement(By.id("upload")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("style-guide")));
        List<WebElement> swatches = browser.findElements(By.cssSelector("#palette li"));
        assertThat(swatches).isNotEmpty();
        for (WebElement swatch : swatches) {
            String hex = swatch.findElement(By.tagName("code")).getText();
            assertThat(hex).matches("#[0-9a-f]{6}");
            assertThat(swatch.findElement(By.className("swatch")).getCssValue("background-color")).isEqualTo(rgba(hex));
        }
        assertThat(browser.findElement(By.id("appearance")).getText()).isNotBlank();
        assertThat(browser.findElement(By.id("visual-style")).getText()).isNotBlank();
        scrollTo(browser, "character-section");
        screenshot(browser, screenshots, "02-style-guide");

        // 3. a refused project: the API's problem+json shown next to the field it names (the browser's own
        // checks are off for this once, so the API is the one that refuses)
        WebElement count = browser.findElement(By.id("scenario-count"));
        js.executeScript("document.getElementById('project-form').noValidate = true");
        count.clear();
        count.sendKeys("9");
        browser.findElement(By.id("start")).click();
        WebElement countError = wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("[data-error-for=scenarioCount]")));
        assertThat(countError.getText()).contains("8");
        assertThat(count.getDomAttribute("aria-invalid")).isEqualTo("true");
        scrollTo(browser, "project-section");
        screenshot(browser, screenshots, "03-field-error");

        // 4. a 2-scene short: every status the page shows is recorded as it changes
        js.executeScript("window.seenStatuses = [];"
                + "new MutationObserver(() => window.seenStatuses.push(document.getElementById('project-status').textContent))"
                + ".observe(document.getElementById('project-status'), {childList: true, characterData: true, subtree: true});");
        count.clear();
        count.sendKeys("2");
        browser.findElement(By.id("start")).click();
        wait.until(ExpectedConditions.textMatches(By.id("project-status"), java.util.regex.Pattern.compile("GENERATING|ASSEMBLING|DONE")));
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#scenes > li"), 2));
        scrollTo(browser, "progress-section");
        screenshot(browser, screenshots, "04-progress");

        // 5. a clip preview, fetched with the key as soon as its scene is ready
        WebElement preview = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".clip-preview video")));
        wait.until(d -> ((Long) js.executeScript("return arguments[0].readyState", preview)) >= 1);
        assertThat(preview.getDomProperty("src")).startsWith(mediaFrom);
        js.executeScript("arguments[0].scrollIntoView()", preview);
        screenshot(browser, screenshots, "05-clip");

        // 6. the short, playing
        wait.until(ExpectedConditions.textMatches(By.id("project-status"), java.util.regex.Pattern.compile("^DONE")));
        WebElement video = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("short-video")));
        assertThat(video.getDomProperty("src")).startsWith(mediaFrom);
        Map<String, Object> playing = playForASecondAndAHalf(js, video);
        System.out.println("short in the page: " + playing);
        assertThat(playing).doesNotContainKey("error");
        assertThat(((Number) playing.get("readyState")).intValue()).isGreaterThanOrEqualTo(2);
        assertThat(((Number) playing.get("duration")).doubleValue()).isPositive();
        assertThat(((Number) playing.get("now")).doubleValue()).isGreaterThan(((Number) playing.get("start")).doubleValue());
        WebElement download = browser.findElement(By.id("download"));
        assertThat(download.getDomProperty("href")).startsWith(mediaFrom);
        assertThat(download.getDomAttribute("download")).matches("goblina-[0-9a-f-]{36}\\.mp4");
        scrollTo(browser, "short-section");
        screenshot(browser, screenshots, "06-playing");

        // progress came over the event stream, live, not by polling the project
        @SuppressWarnings("unchecked")
        List<String> seen = (List<String>) js.executeScript("return window.seenStatuses");
        System.out.println("statuses the page showed: " + seen);
        assertThat(seen.stream().map(s -> s.split(" ")[0]).distinct().toList()).contains("GENERATING", "DONE").hasSizeGreaterThanOrEqualTo(3);
        @SuppressWarnings("unchecked")
        List<String> fetched = (List<String>) js.executeScript(
                "return performance.getEntriesByType('resource').map(e => new URL(e.name).pathname)");
        assertThat(fetched).anyMatch(p -> p.matches("/v1/projects/[0-9a-f-]{36}/events"));
        assertThat(fetched).noneMatch(p -> p.matches("/v1/projects/[0-9a-f-]{36}"));

        try (var files = Files.list(screenshots)) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted().toList())
                    .contains("01-key.png", "02-style-guide.png", "03-field-error.png", "04-progress.png", "05-clip.png",
                            "06-playing.png");
        }

        // 7. one scene regenerated with a new line: the page follows the project again and plays the new short
        String firstShort = video.getDomProperty("src");
        WebElement second = browser.findElement(By.cssSelector("#scenes > li[data-index=\"1\"]"));
        WebElement regenerate = second.findElement(By.cssSelector(".regenerate"));
        assertThat(regenerate.isDisplayed()).as("a DONE project offers a regeneration per scene").isTrue();
        regenerate.findElement(By.name("caption")).sendKeys("Tea, but faster");
        regenerate.findElement(By.cssSelector("button")).click();
        wait.until(ExpectedConditions.textMatches(By.id("project-status"), java.util.regex.Pattern.compile("^(GENERATING|ASSEMBLING)")));
        wait.until(ExpectedConditions.textMatches(By.id("project-status"), java.util.regex.Pattern.compile("^DONE")));
        wait.until(ExpectedConditions.textToBePresentInElement(second.findElement(By.cssSelector(".scene-caption")),
                "Tea, but faster"));
        wait.until(d -> !firstShort.equals(video.getDomProperty("src")));
        Map<String, Object> playingAgain = playForASecondAndAHalf(js, video);
        System.out.println("regenerated short in the page: " + playingAgain);
        assertThat(playingAgain).doesNotContainKey("error");
        assertThat(((Number) playingAgain.get("now")).doubleValue())
                .isGreaterThan(((Number) playingAgain.get("start")).doubleValue());
        scrollTo(browser, "short-section");
        screenshot(browser, screenshots, "07-regenerated");
    }

    /** Plays the video, muted, for 1.5 s once it has data: its ready state, duration and the time before and after. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> playForASecondAndAHalf(JavascriptExecutor js, WebElement video) {
        return (Map<String, Object>) js.executeAsyncScript(
                "const video = arguments[0], done = arguments[arguments.length - 1];"
                        + "const check = () => { const start = video.currentTime;"
                        + "  video.muted = true;"
                        + "  video.play().then(() => setTimeout(() => done({readyState: video.readyState,"
                        + "    duration: video.duration, start: start, now: video.currentTime}), 1500),"
                        + "    e => done({error: String(e)})); };"
                        + "if (video.readyState >= 2) { check(); } else { video.addEventListener('loadeddata', check, {once: true}); }",
                video);
    }

    private static void scrollTo(ChromeDriver browser, String id) {
        browser.executeScript("document.getElementById(arguments[0]).scrollIntoView()", id);
    }

    /** Writes the browser's viewport as {@code <screenshots>/<name>.png}, checked to be a PNG. */
    private static void screenshot(ChromeDriver browser, Path screenshots, String name) throws Exception {
        byte[] png = browser.getScreenshotAs(OutputType.BYTES);
        assertThat(png.length).as(name).isGreaterThan(PNG_SIGNATURE.length);
        assertThat(Arrays.copyOf(png, PNG_SIGNATURE.length)).as(name + " is a PNG").isEqualTo(PNG_SIGNATURE);
        Path file = screenshots.resolve(name + ".png");
        Files.write(file, png);
        assertThat(Files.size(file)).isEqualTo(png.length);
    }

    private static String rgba(String hex) {
        int rgb = Integer.parseInt(hex.substring(1), 16);
        return "rgba(" + (rgb >> 16 & 0xff) + ", " + (rgb >> 8 & 0xff) + ", " + (rgb & 0xff) + ", 1)";
    }
}
