package org.bookbox.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.bookbox.controller.Agent;
import org.bookbox.controller.Await;
import org.bookbox.controller.config.AgentConfig;
import org.bookbox.controller.config.AgentConfigLoader;
import org.bookbox.simulator.SimulatedBoard;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The reader's screen in a real browser (headless Chromium), on the simulated box with its broker
 * down: what a reader sees after a refused code, an accepted one and a session, in Chinese and
 * after switching to English; what a drop box shows of a stack. Screenshots are kept.
 */
class ScreenInBrowserTest {

    @TempDir
    Path dir;
    Agent agent;
    Browser browser;
    final LocalApiClient api = new LocalApiClient(() -> agent.apiPort());

    @BeforeEach
    void start() throws Exception {
        AgentConfig sim = AgentConfigLoader.load(ChildJvm.repo().resolve("examples/sim/agent.yaml")).withDataDir(dir.resolve("data")).withApiPort(0);
        // nothing listens on port 1: the backend is out of reach for the whole test
        agent = SimBox.agent(sim.withBroker(URI.create("tcp://127.0.0.1:1"), sim.uplink()), new SimulatedBoard());
        agent.start();
        browser = Browser.open(dir.resolve("chromium"), 1024, 600);
    }

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.close();
        }
        agent.stop();
    }

    void show(String unit) {
        browser.driver.get("http://127.0.0.1:" + agent.apiPort() + "/screen/" + unit);
    }

    WebElement id(String id) {
        return browser.driver.findElement(By.id(id));
    }

    String phrase() {
        return browser.driver.findElement(By.tagName("body")).getDomAttribute("data-phrase");
    }

    void waitFor(String phrase) throws Exception {
        try {
            Await.until(() -> phrase.equals(phrase()));
        } catch (AssertionError e) {
            throw new AssertionError("the screen shows " + phrase() + " (\"" + id("text").getText() + "\"), not " + phrase, e);
        }
    }

    List<String> played() throws Exception {
        return new JsonObject(api.call("GET", "/sim/speaker", null)).getJsonArray("played").stream()
                .map(o -> ((JsonObject) o).getString("played")).toList();
    }

    @Test
    void aRefusedCodeIsExplainedInChineseThenInEnglishOnceTheReaderSwitches() throws Exception {
        assertFalse(new JsonObject(api.call("GET", "/status", null)).getJsonObject("uplink").getBoolean("connected"), "the broker is down");
        show("park-nest");
        waitFor("scan-your-code");
        assertEquals("请扫码。把图书馆应用里的二维码对准扫描器。", id("text").getText());
        browser.shot("screen-ready-zh");
        long now = Instant.now().getEpochSecond();
        api.call("POST", "/sim/units/park-nest/scan", SimBox.token("old-1", "patron", "exchange", new JsonObject().put("iat", now - 900).put("exp", now - 600)));
        waitFor("refused.expired");
        assertEquals("二维码已过期，请在应用里刷新。", id("text").getText());
        assertEquals("tone-refused", browser.driver.findElement(By.tagName("body")).getDomAttribute("class"));
        browser.shot("screen-refused-zh");

        browser.driver.findElement(By.cssSelector("#languages button[data-lang='en']")).click();
        Await.until(() -> "This code has expired: refresh it in the app.".equals(id("text").getText()));
        assertEquals("en", browser.driver.findElement(By.tagName("html")).getDomAttribute("lang"));
        assertEquals("true", browser.driver.findElement(By.cssSelector("#languages button[data-lang='en']")).getDomAttribute("aria-pressed"));
        browser.shot("screen-refused-en");
        api.call("POST", "/sim/units/park-nest/scan", "not a code at all");
        waitFor("refused.malformed");
        assertEquals("This is not a library code. Show the QR code from the library app.", id("text").getText());
        assertEquals(List.of("zh-CN/refused.expired", "en/refused.malformed"), played(), "each answer spoken once, in the language on the screen");
    }

    @Test
    void anAcceptedCodeOpensADoorWithACountdownAndTheSessionEndsWithWhatWasTakenAndLeft() throws Exception {
        api.call("POST", "/sim/units/park-nest/antennas/left-1/tags", "{\"item\": \"1001\", \"owner\": \"DE-705\"}");
        String taken = new JsonObject(api.call("POST", "/sim/units/park-nest/antennas/left-1/tags", "{\"item\": \"1002\", \"owner\": \"DE-705\"}")).getString("uid");
        api.call("POST", "/units/park-nest/inventory?door=left", null);
        Await.until(() -> api.events("inventory").stream().anyMatch(i -> i.getString("reason").equals("requested")));
        show("park-nest");
        browser.driver.findElement(By.cssSelector("#languages button[data-lang='en']")).click();
        Await.until(() -> "en".equals(browser.driver.findElement(By.tagName("html")).getDomAttribute("lang")));

        api.call("POST", "/sim/units/park-nest/scan", SimBox.token("ok-1", "patron", "exchange", new JsonObject()));
        waitFor("door-unlocked");
        assertEquals("Your door is unlocked: open it now.", id("text").getText());
        assertEquals("left", id("door-name").getText());
        int first = Integer.parseInt(id("seconds").getText());
        assertTrue(first > 0 && first <= 10, "open_within_s of the left door is 10: " + first);
        Await.until(() -> Integer.parseInt(id("seconds").getText()) < first);
        browser.shot("screen-unlocked");

        api.call("POST", "/sim/units/park-nest/doors/left/open", null);
        waitFor("door-open");
        api.call("DELETE", "/sim/units/park-nest/antennas/left-1/tags/" + taken, null);
        api.call("POST", "/sim/units/park-nest/antennas/left-2/tags", "{\"item\": \"2001\", \"owner\": \"DK-710100\"}");
        api.call("POST", "/sim/units/park-nest/doors/left/close", null);
        waitFor("session-done");
        assertEquals(List.of("1002"), browser.driver.findElements(By.cssSelector("#taken li")).stream().map(WebElement::getText).toList());
        assertEquals(List.of("2001"), browser.driver.findElements(By.cssSelector("#left li")).stream().map(WebElement::getText).toList());
        assertEquals("Taken", id("taken-label").getText());
        browser.shot("screen-result");
        assertEquals(List.of("en/door-unlocked", "en/door-open", "en/counting", "en/session-done"), played());
    }

    @Test
    void aDropBoxCountsTheBooksOfTheStackAsTheyAreRecorded() throws Exception {
        show("entrance-return");
        waitFor("push-books");
        api.call("POST", "/sim/units/entrance-return/chute", "{\"items\": [{\"item\": \"3001\", \"owner\": \"DE-705\"},"
                + " {\"item\": \"3002\", \"owner\": \"DE-705\"}, {\"item\": \"3003\", \"owner\": \"DK-710100\"}], \"dwell_ms\": 300}");
        Await.until(() -> "3".equals(id("count-number").getText()));
        assertEquals("book-recorded", phrase());
        assertEquals("本书已归还", id("count-label").getText());
        browser.shot("screen-dropbox");
        assertEquals(List.of("zh-CN/book-recorded"), played(), "thanked once for the stack");
    }
}
