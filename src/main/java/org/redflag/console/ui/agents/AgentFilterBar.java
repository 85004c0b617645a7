package org.redflag.console.ui.agents;

import javafx.collections.ObservableList;
import javafx.geometry.Pos;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.beans.property.StringProperty;
import javafx.util.StringConverter;

/**
 * The Agents view's filters: status, OS, version and reboot, each "Any" or one value, bound to the view model
 * (which reloads on a change). At a narrow window a filter wraps onto the next line instead of shrinking.
 */
final class AgentFilterBar extends FlowPane {

    AgentFilterBar(AgentFilters filters, boolean knowsReboot) {
        super(14, 6);
        setAlignment(Pos.CENTER_LEFT);
        getChildren().addAll(
                choice("Status", "agents-filter-status", filters.presenceChoices(), filters.presenceProperty(),
                        "Online: seen in the last 15 minutes; stale: not seen for 7 days, or never; offline: between"),
                choice("OS", "agents-filter-os", filters.osChoices(), filters.osProperty(), "The agents of one OS"),
                choice("Version", "agents-filter-version", filters.versionChoices(), filters.versionProperty(),
                        "The agents that run one version"),
                choice("Reboot", "agents-filter-reboot", filters.rebootChoices(), filters.rebootProperty(),
                        knowsReboot ? "Whether the agent asks for a reboot"
                                : "This database does not record whether an agent needs a reboot"));
        if (!knowsReboot) {
            getChildren().get(getChildren().size() - 1).setDisable(true);
        }
    }

    private static HBox choice(String title, String id, ObservableList<String> choices, StringProperty value,
            String tip) {
        ChoiceBox<String> box = new ChoiceBox<>(choices);
        box.setId(id);
        // OS and version choices arrive after the first page: until then "Any" alone would size the box to nothing.
        box.setMinWidth(120);
        box.setConverter(new StringConverter<>() {
            @Override
            public String toString(String choice) {
                return label(choice);
            }

            @Override
            public String fromString(String text) {
                throw new UnsupportedOperationException("choices are picked, never typed");
            }
        });
        box.valueProperty().bindBidirectional(value);
        box.setTooltip(new Tooltip(tip));
        Label label = new Label(title);
        label.setLabelFor(box);
        label.setMinWidth(Region.USE_PREF_SIZE);
        HBox pair = new HBox(6, label, box);
        pair.setAlignment(Pos.CENTER_LEFT);
        return pair;
    }

    /** What a choice reads as: "Any" for no filter, words for the reboot choices, the value itself otherwise. */
    static String label(String choice) {
        if (choice == null || choice.equals(AgentFilters.ANY)) {
            return "Any";
        }
        return switch (choice) {
            case AgentFilters.REBOOT_REQUIRED -> "Reboot required";
            case AgentFilters.NO_REBOOT -> "No reboot needed";
            default -> choice;
        };
    }
}
