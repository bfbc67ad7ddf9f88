package dev.attune.it;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.stream.Collectors;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Page object for the Vaadin console: sign in, open a view, read grid cells. Console tests share one browser
 * ({@link Browser#shared()}); a sign-in as the user the browser is already signed in as keeps that session instead of
 * signing in again (about two seconds each), any other sign-in starts from no session.
 */
public final class ConsolePage {
    /** Who each shared browser is signed in as ("user\0password"), set once a sign-in was seen to succeed. */
    private static final Map<WebDriver, String> SIGNED_IN = Collections.synchronizedMap(new WeakHashMap<>());

    private final WebDriver driver;
    private final String baseUrl;
    private final WebDriverWait wait;
    private String pendingLogin;

    public ConsolePage(WebDriver driver, String baseUrl) {
        this.driver = driver;
        this.baseUrl = baseUrl;
        this.wait = new WebDriverWait(driver, Duration.ofSeconds(30));
    }

    public ConsolePage open(String route) {
        driver.get(baseUrl + "/admin/" + route);
        return this;
    }

    public ConsolePage signIn(String user, String password) {
        String login = user + "\0" + password;
        if (login.equals(SIGNED_IN.get(driver))) {
            open("");
            return this;
        }
        forgetSession();
        open("");
        pendingLogin = login;
        WebElement username = wait.until(
                ExpectedConditions.elementToBeClickable(By.cssSelector("vaadin-login-form input[name='username']")));
        username.sendKeys(user);
        driver.findElement(By.cssSelector("vaadin-login-form input[name='password']"))
                .sendKeys(password);
        driver.findElement(By.cssSelector("vaadin-login-form vaadin-button[slot='submit']"))
                .click();
        return this;
    }

    public void awaitSignedIn() {
        // signing in navigates: a lookup during the navigation is aborted ("aborted by navigation"), not failed
        wait.until(d -> {
            try {
                return !d.findElements(By.id("logout")).isEmpty();
            } catch (WebDriverException e) {
                if (String.valueOf(e.getMessage()).contains("aborted by navigation")) {
                    return false;
                }
                throw e;
            }
        });
        if (pendingLogin != null) {
            SIGNED_IN.put(driver, pendingLogin);
        }
    }

    /** Signs out with the console's button and forgets the session. */
    public void signOut() {
        if (!SIGNED_IN.containsKey(driver)
                && driver.findElements(By.id("logout")).isEmpty()) {
            forgetSession();
            return;
        }
        click("logout");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("vaadin-login-form")));
        SIGNED_IN.remove(driver);
    }

    /** The server ended the session (a disabled user): the next sign-in starts from no session. */
    public void signOutForgotten() {
        forgetSession();
    }

    /** Drops this browser's session cookie for the console: the next page is the sign-in form. */
    private void forgetSession() {
        SIGNED_IN.remove(driver);
        if (driver.getCurrentUrl().startsWith(baseUrl)) {
            driver.manage().deleteAllCookies();
        }
    }

    public String loginError() {
        WebElement form =
                wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("vaadin-login-form[error]")));
        return (String) ((JavascriptExecutor) driver)
                .executeScript(
                        "const f = arguments[0]; return f.i18n.errorMessage.title + ' ' + f.i18n.errorMessage.message;",
                        form);
    }

    /** The texts of the grid's cells once {@code expected} shows up among them. */
    public List<String> awaitGridCell(String gridId, String expected) {
        By cells = By.cssSelector("#" + gridId + " vaadin-grid-cell-content");
        wait.until(d -> d.findElements(cells).stream()
                .anyMatch(c -> expected.equals(c.getText().strip())));
        return driver.findElements(cells).stream().map(c -> c.getText().strip()).toList();
    }

    public void type(String id, String text) {
        WebElement field = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#" + id + " input")));
        field.sendKeys(text);
        field.sendKeys(Keys.TAB);
    }

    /**
     * Clicks it, scrolled into the middle of its scroller first (dialogs grow taller than the window); tried again when
     * the element was re-rendered meanwhile (a grid refreshing its rows).
     */
    public void click(String id) {
        wait.ignoring(StaleElementReferenceException.class).until(d -> {
            WebElement element =
                    ExpectedConditions.presenceOfElementLocated(By.id(id)).apply(d);
            if (element == null) {
                return false;
            }
            ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'})", element);
            WebElement clickable =
                    ExpectedConditions.elementToBeClickable(By.id(id)).apply(d);
            if (clickable == null) {
                return false;
            }
            clickable.click();
            return true;
        });
    }

    /** The first enabled button showing this text (grid rows are newest first). */
    public void clickButtonWithText(String text) {
        By button = By.xpath("//vaadin-button[normalize-space(.)='" + text + "']");
        wait.until(ExpectedConditions.elementToBeClickable(button)).click();
    }

    public void confirm() {
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("vaadin-button[slot='confirm-button']")))
                .click();
    }

    public String value(String id) {
        WebElement input = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#" + id + " input")));
        wait.until(d -> !input.getAttribute("value").isBlank());
        return input.getAttribute("value");
    }

    public String text(String id) {
        return wait.until(ExpectedConditions.presenceOfElementLocated(By.id(id)))
                .getText();
    }

    /** Opens the first combo box of that tag and picks the item with that label. */
    public void selectComboBoxItem(String tag, String label) {
        WebElement input = wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(tag + " input")));
        input.sendKeys(Keys.chord(Keys.CONTROL, "a"), label);
        By item = By.xpath("//vaadin-combo-box-item[normalize-space(.)='" + label + "']");
        wait.until(ExpectedConditions.elementToBeClickable(item)).click();
    }

    /** Fetches what a download link serves, with this browser's session. */
    public String download(String anchorId) throws Exception {
        String href = wait.until(ExpectedConditions.presenceOfElementLocated(By.id(anchorId)))
                .getAttribute("href");
        String cookies = driver.manage().getCookies().stream()
                .map(c -> c.getName() + "=" + c.getValue())
                .collect(Collectors.joining("; "));
        var response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(href))
                                .header("Cookie", cookies)
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new AssertionError("download answered " + response.statusCode());
        }
        return response.body();
    }

    public boolean hasElement(String id) {
        return !driver.findElements(By.id(id)).isEmpty();
    }

    public String bodyText() {
        return driver.findElement(By.tagName("body")).getText();
    }

    public WebDriverWait waiting() {
        return wait;
    }
}
