package org.bookbox.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import org.bookbox.controller.Agent;
import org.bookbox.controller.Await;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** The technician's console in a real browser: every unit live, the self-test, a door pulsed only once confirmed. */
class ConsoleInBrowserTest {

    @TempDir
    Path dir;
    Agent agent;
    Browser browser;
    final LocalApiClient api = new LocalApiClient(() -> agent.apiPort());

    @BeforeEach
    void start() throws Exception {
        agent = SimBox.start(dir.resolve("data"));
        browser = Browser.open(dir.resolve("chromium"), 1280, 1000);
        browser.driver.get("http://127.0.0.1:" + agent.apiPort() + "/console");
    }

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.close();
        }
        agent.stop();
    }

    WebElement row(String unit, String door) {
        return browser.driver.findElement(By.cssSelector("[data-unit='" + unit + "'] tr[data-door='" + door + "']"));
    }

    /** A cell's text, read in one step: the page rebuilds its tables whenever the box changes. */
    String cell(String unit, String door, int column) {
        return (String) browser.driver.executeScript("const r = document.querySelector(\"[data-unit='\" + arguments[0] + \"'] tr[data-door='\" + arguments[1]"
                + " + \"']\"); return r ? r.cells[arguments[2]].textContent : null;", unit, door, column);
    }

    @Test
    void everyUnitDoorAndAlarmIsShownAndUpdatesLive() throws Exception {
        Await.until(() -> browser.driver.findElements(By.cssSelector("[data-unit]")).size() == 4);
        assertEquals("shut", cell("park-nest", "left", 2));
        assertEquals("rfid:/dev/rfid0#2, rfid:/dev/rfid0#3", cell("park-nest", "left", 4));
        api.call("POST", "/sim/units/park-nest/doors/right/open", null);
        Await.until(() -> cell("park-nest", "right", 2).equals("open"));
        Await.until(() -> browser.driver.findElement(By.cssSelector("[data-unit='park-nest']")).getText().contains("door_forced:right"));
        Await.until(() -> browser.driver.findElement(By.id("events")).getText().contains("alarm"));
        browser.driver.findElement(By.id("selftest")).click();
        Await.until(() -> browser.driver.findElement(By.id("selftest-report")).getText().contains("\"chute_eye\""));
        assertTrue(browser.driver.findElement(By.id("answer")).getText().startsWith("self-test: "));
        assertTrue(browser.driver.findElement(By.id("sim")).isDisplayed(), "the simulator's controls, on a simulated box");
        browser.shot("console");
    }

    @Test
    void aDoorIsPulsedOnlyOnceTheTechnicianConfirms() throws Exception {
        Await.until(() -> !browser.driver.findElements(By.cssSelector("[data-unit='pickup'] tr[data-door='01']")).isEmpty());
        row("pickup", "01").findElement(By.xpath(".//button[text()='Pulse door']")).click();
        browser.driver.switchTo().alert().dismiss();
        assertEquals("", browser.driver.findElement(By.id("answer")).getText(), "nothing asked of the box");

        row("pickup", "01").findElement(By.xpath(".//button[text()='Pulse door']")).click();
        assertTrue(browser.driver.switchTo().alert().getText().startsWith("Open door 01 of pickup now?"));
        browser.driver.switchTo().alert().accept();
        Await.until(() -> browser.driver.findElement(By.id("answer")).getText().startsWith("pulse pickup/01: "));
        assertEquals("pulse pickup/01: done", browser.driver.findElement(By.id("answer")).getText());
        // the locker's spring opened the door on the pulse: a service session, as the console's own actor
        Await.until(() -> "open".equals(cell("pickup", "01", 2)));
        api.call("POST", "/sim/units/pickup/doors/01/close", null);
        Await.until(() -> !api.events("session").isEmpty());
        assertEquals(1, api.events("session").size(), "one session: the dismissed click opened nothing");
        JsonObject session = api.events("session").getFirst();
        assertEquals("service", session.getString("mode"));
        assertEquals("technician", session.getJsonObject("actor").getString("role"));
    }
}
