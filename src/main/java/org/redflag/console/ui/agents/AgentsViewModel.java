package org.redflag.console.ui.agents;

import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.ObservableList;
import org.redflag.console.fleet.Agent;
import org.redflag.console.fleet.AgentRepository;
import org.redflag.console.fleet.Presence;
import org.redflag.console.ui.BackgroundExecutor;
import org.redflag.console.ui.KeysetPages;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Agents view's state: one growing list of pages from the database (keyset on hostname, id),
 * filtered in SQL by the search text. A reload replaces the list; "more" appends the next page.
 */
public final class AgentsViewModel {

    private static final Logger LOG = LoggerFactory.getLogger(AgentsViewModel.class);

    static final int PAGE_SIZE = 200;

    private final AgentRepository agents;
    private final BackgroundExecutor executor;
    private final Clock clock;
    private final KeysetPages<String, AgentRow> pages;

    private final StringProperty searchText = new SimpleStringProperty(this, "searchText", "");
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(this, "summary", "");
    private Consumer<String> onInputProblem;

    public AgentsViewModel(AgentRepository agents, BackgroundExecutor executor, Clock clock, Consumer<Throwable> onError) {
        this.agents = agents;
        this.executor = executor;
        this.clock = clock;
        this.pages = new KeysetPages<>((filter, after, limit) -> toRows(agents.page(filter,
                after == null ? null : AgentRepository.PageKey.after(after.agent()), limit)),
                executor, PAGE_SIZE, this::summarise, onError);
        this.onInputProblem = sentence -> onError.accept(new IllegalArgumentException(sentence));
    }

    /** Where a search that cannot match goes: one sentence, no stack trace (the window's error door). */
    public void onInputProblem(Consumer<String> action) {
        this.onInputProblem = action;
    }

    public void reload() {
        String filter = searchText.get();
        var problem = AgentRepository.searchProblem(filter);
        if (problem.isPresent()) {
            // A typo, not a fault: the sentence where the count goes, and once in the history.
            pages.clear();
            summary.set(problem.get());
            onInputProblem.accept(problem.get());
            return;
        }
        pages.reload(filter);
    }

    /**
     * The search the rows on screen match. The search box changes at each keystroke, the rows only after the
     * pause: the next page, a resync and "Scan all matching" go by what is shown, never by a half-typed search.
     */
    public String shownFilter() {
        return pages.shown() == null ? "" : pages.shown();
    }

    public void loadMore() {
        pages.loadMore();
    }

    /**
     * Reads again what the list shows, as many rows as are loaded, in one query: last seen, presence and the
     * online count stay current without a notification per heartbeat (the slow poll calls it). The selection
     * follows the agents, not the positions (see AgentsView). Skipped while a load is under way.
     */
    public void resync() {
        pages.resync();
    }

    /** Reads one shown agent again (its last scan moved, say), leaving the rest of the list alone. */
    public void refreshAgent(UUID agentId) {
        if (pages.rows().stream().noneMatch(r -> r.agent().id().equals(agentId))) {
            return;
        }
        executor.submit(() -> agents.find(agentId), found -> found.ifPresent(agent -> {
            List<AgentRow> rows = pages.rows();
            for (int i = 0; i < rows.size(); i++) {
                if (rows.get(i).agent().id().equals(agentId)) {
                    pages.replace(i, AgentRow.of(agent, clock));
                    return;
                }
            }
        }), failure -> {
            // The next change or the slow poll reads it again; not worth an error notification.
            LOG.debug("Could not read agent {} again; the next change or poll will", agentId, failure);
        });
    }

    private List<AgentRow> toRows(List<Agent> page) {
        return page.stream().map(agent -> AgentRow.of(agent, clock)).toList();
    }

    private void summarise() {
        List<AgentRow> rows = pages.rows();
        long online = rows.stream().filter(r -> r.presence() == Presence.ONLINE).count();
        summary.set(rows.size() + (pages.moreAvailableProperty().get() ? "+" : "") + " agents shown · " + online
                + " online");
    }

    public ObservableList<AgentRow> rows() {
        return pages.rows();
    }

    public StringProperty searchTextProperty() {
        return searchText;
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return pages.loadingProperty();
    }

    public ReadOnlyBooleanProperty moreAvailableProperty() {
        return pages.moreAvailableProperty();
    }

    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    public Clock clock() {
        return clock;
    }
}
