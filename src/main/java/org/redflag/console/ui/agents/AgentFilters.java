package org.redflag.console.ui.agents;

import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.redflag.console.fleet.AgentFilter;
import org.redflag.console.fleet.AgentRepository.FilterChoice;
import org.redflag.console.fleet.PresenceFilter;

/**
 * The Agents view's filters besides the search, as the choice boxes hold them: each a string, "" for "any"
 * (a choice box keeps a string in its items, where a null would clear it). A change of any of them calls
 * {@code onChange} once; {@link #apply} sets them all and calls it once.
 */
final class AgentFilters {

    static final String ANY = "";
    static final String REBOOT_REQUIRED = "required";
    static final String NO_REBOOT = "not required";

    private final StringProperty presence = new SimpleStringProperty(this, "presence", ANY);
    private final StringProperty os = new SimpleStringProperty(this, "os", ANY);
    private final StringProperty version = new SimpleStringProperty(this, "version", ANY);
    private final StringProperty reboot = new SimpleStringProperty(this, "reboot", ANY);
    private final ObservableList<String> presenceChoices = FXCollections.observableArrayList(ANY);
    private final ObservableList<String> osChoices = FXCollections.observableArrayList(ANY);
    private final ObservableList<String> versionChoices = FXCollections.observableArrayList(ANY);
    private final ObservableList<String> rebootChoices =
            FXCollections.observableArrayList(ANY, REBOOT_REQUIRED, NO_REBOOT);
    private boolean applying;

    AgentFilters(Runnable onChange) {
        for (PresenceFilter filter : PresenceFilter.values()) {
            presenceChoices.add(filter.label());
        }
        for (StringProperty filter : List.of(presence, os, version, reboot)) {
            filter.addListener((obs, old, now) -> {
                if (now == null) {
                    // A choice box whose items were replaced clears its value: that is "any", not a new filter.
                    filter.set(ANY);
                } else if (!applying && !now.equals(old == null ? ANY : old)) {
                    onChange.run();
                }
            });
        }
    }

    /** The filter the choices make, with {@code search} for the hostname. */
    AgentFilter filter(String search) {
        return new AgentFilter(search, PresenceFilter.parse(presence.get()).orElse(null), os.get(), version.get(),
                reboot.get().isEmpty() ? null : REBOOT_REQUIRED.equals(reboot.get()));
    }

    /** Sets every filter from a request (null: any) without a reload per filter; the caller reloads once. */
    void apply(AgentsRequest request) {
        applying = true;
        try {
            presence.set(PresenceFilter.parse(request.presence()).map(PresenceFilter::label).orElse(ANY));
            os.set(offered(osChoices, request.os()));
            version.set(offered(versionChoices, request.agentVersion()));
            reboot.set(request.rebootRequired() == null ? ANY : request.rebootRequired() ? REBOOT_REQUIRED : NO_REBOOT);
        } finally {
            applying = false;
        }
    }

    /** The fleet's OS types and versions as read from the database, keeping a chosen one that is not among them. */
    void offer(List<FilterChoice> osTypes, List<FilterChoice> versions) {
        replace(osChoices, osTypes, os.get());
        replace(versionChoices, versions, version.get());
    }

    private static String offered(ObservableList<String> choices, String value) {
        if (value == null || value.isBlank()) {
            return ANY;
        }
        if (!choices.contains(value)) {
            choices.add(value);
        }
        return value;
    }

    private static void replace(ObservableList<String> choices, List<FilterChoice> found, String chosen) {
        List<String> values = new ArrayList<>();
        values.add(ANY);
        found.forEach(choice -> values.add(choice.value()));
        if (!values.contains(chosen)) {
            values.add(chosen);
        }
        choices.setAll(values);
    }

    StringProperty presenceProperty() {
        return presence;
    }

    StringProperty osProperty() {
        return os;
    }

    StringProperty versionProperty() {
        return version;
    }

    StringProperty rebootProperty() {
        return reboot;
    }

    ObservableList<String> presenceChoices() {
        return presenceChoices;
    }

    ObservableList<String> osChoices() {
        return osChoices;
    }

    ObservableList<String> versionChoices() {
        return versionChoices;
    }

    ObservableList<String> rebootChoices() {
        return rebootChoices;
    }
}
