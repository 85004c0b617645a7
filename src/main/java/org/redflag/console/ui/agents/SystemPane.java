package org.redflag.console.ui.agents;

import java.time.Clock;
import java.time.Duration;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.StackPane;
import org.redflag.console.scan.SystemInfo;
import org.redflag.console.ui.Formats;

/**
 * The details' System tab: the agent's newest system scan, one fact a line. Only what the schema keeps is
 * shown (RedFlag's agent_specs has disks but no uptime, the console's system_info the other way round), and
 * before the first scan it says what to do.
 */
final class SystemPane extends StackPane {

    static final String EMPTY = "No system scan yet: scan system.";

    private final Clock clock;
    private final GridPane facts = new GridPane();
    private final Label empty = new Label(EMPTY);

    SystemPane(AgentDetailViewModel model) {
        this.clock = model.clock();
        setId("detail-system");
        facts.setId("detail-system-facts");
        facts.setHgap(16);
        facts.setVgap(6);
        facts.setPadding(new Insets(12));
        empty.setId("detail-system-empty");
        empty.getStyleClass().add("muted");
        getChildren().setAll(facts, empty);
        show(model.systemProperty().get());
        model.systemProperty().addListener((obs, old, system) -> show(system));
    }

    private void show(SystemInfo system) {
        facts.getChildren().clear();
        facts.setVisible(system != null);
        empty.setVisible(system == null);
        if (system == null) {
            return;
        }
        int row = 0;
        row = fact(row, "CPU", system.cpuModel() == null ? null
                : system.cpuModel() + (system.cpuCores() == null ? "" : " · " + system.cpuCores() + " cores"));
        row = fact(row, "Memory", memory(system));
        row = fact(row, "Disks", system.diskTotalBytes() == null ? null : Formats.bytes(system.diskTotalBytes())
                + (system.diskFreeBytes() == null ? "" : " · " + Formats.bytes(system.diskFreeBytes()) + " free"));
        row = fact(row, "Up for", system.uptimeSeconds() == null ? null : uptime(system.uptimeSeconds()));
        fact(row, "Scanned", system.collectedAt() == null ? null
                : Formats.absolute(system.collectedAt(), clock) + " (" + Formats.ago(system.collectedAt(), clock) + ")");
    }

    private static String memory(SystemInfo system) {
        if (system.memoryTotalBytes() == null) {
            return null;
        }
        String total = Formats.bytes(system.memoryTotalBytes());
        return system.memoryUsedBytes() == null ? total : Formats.bytes(system.memoryUsedBytes()) + " of " + total + " in use";
    }

    static String uptime(long seconds) {
        Duration up = Duration.ofSeconds(seconds);
        return up.toDays() > 0 ? up.toDays() + " d " + up.toHoursPart() + " h" : up.toHours() + " h " + up.toMinutesPart() + " min";
    }

    /** A line for a fact the scan reported; nothing for one this schema does not keep. */
    private int fact(int row, String name, String value) {
        if (value == null) {
            return row;
        }
        Label label = new Label(name);
        label.getStyleClass().add("muted");
        Label text = new Label(value);
        text.setId("detail-system-" + name.toLowerCase(java.util.Locale.ROOT).replace(' ', '-'));
        text.setWrapText(true);
        facts.addRow(row, label, text);
        return row + 1;
    }
}
