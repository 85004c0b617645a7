package org.redflag.console.ui.agents;

import java.time.Clock;
import java.util.List;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.redflag.console.fleet.Agent;
import org.redflag.console.fleet.AgentRepository;
import org.redflag.console.ui.BackgroundExecutor;

/**
 * The Agents view's state: one growing list of pages from the database (keyset on hostname, id),
 * filtered in SQL by the search text. A reload replaces the list; "more" appends the next page.
 */
public final class AgentsViewModel {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(AgentsViewModel.class);

    static final int PAGE_SIZE = 200;

    private final AgentRepository agents;
    private final BackgroundExecutor executor;
    private final Clock clock;
    private final Consumer<Throwable> onError;

    private final ObservableList<AgentRow> rows = FXCollections.observableArrayList();
    private final ObservableList<AgentRow> readOnlyRows = FXCollections.unmodifiableObservableList(rows);
    private final StringProperty searchText = new SimpleStringProperty(this, "searchText", "");
    private String shownFilter = "";
    private java.util.function.Consumer<String> onInputProblem;
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(this, "loading");
    private final ReadOnlyBooleanWrapper moreAvailable = new ReadOnlyBooleanWrapper(this, "moreAvailable");
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(this, "summary", "");

    /** Bumped by every reload, so a slow page that arrives after a newer search is dropped. */
    private long generation;

    public AgentsViewModel(AgentRepository agents, BackgroundExecutor executor, Clock clock, Consumer<Throwable> onError) {
        this.agents = agents;
        this.executor = executor;
        this.clock = clock;
        this.onError = onError;
        this.onInputProblem = sentence -> onError.accept(new IllegalArgumentException(sentence));
    }

    /** Where a search that cannot match goes: one sentence, no stack trace (the window's error door). */
    public void onInputProblem(java.util.function.Consumer<String> action) {
        this.onInputProblem = action;
    }

    public void reload() {
        long requested = ++generation;
        String filter = searchText.get();
        var problem = AgentRepository.searchProblem(filter);
        if (problem.isPresent()) {
            // A typo, not a fault: the sentence where the count goes, and once in the history.
            rows.clear();
            moreAvailable.set(false);
            loading.set(false);
            summary.set(problem.get());
            onInputProblem.accept(problem.get());
            return;
        }
        loading.set(true);
        executor.submit(() -> agents.page(filter, null, PAGE_SIZE), page -> {
            if (requested == generation) {
                shownFilter = filter;
                rows.setAll(toRows(page));
                finishLoad(page.size() == PAGE_SIZE);
            }
        }, failure -> failed(requested, failure));
    }

    /**
     * The search the rows on screen match. The search box changes at each keystroke, the rows only after the
     * pause: the next page, a resync and "Scan all matching" go by what is shown, never by a half-typed search.
     */
    public String shownFilter() {
        return shownFilter;
    }

    public void loadMore() {
        if (loading.get() || !moreAvailable.get() || rows.isEmpty()) {
            return;
        }
        long requested = generation;
        String filter = shownFilter;
        AgentRepository.PageKey after = AgentRepository.PageKey.after(rows.get(rows.size() - 1).agent());
        loading.set(true);
        executor.submit(() -> agents.page(filter, after, PAGE_SIZE), page -> {
            if (requested == generation) {
                rows.addAll(toRows(page));
                finishLoad(page.size() == PAGE_SIZE);
            }
        }, failure -> failed(requested, failure));
    }

    /**
     * Reads again what the list shows, as many rows as are loaded, in one query: last seen, presence and the
     * online count stay current without a notification per heartbeat (the slow poll calls it). The selection
     * follows the agents, not the positions (see AgentsView). Skipped while a load is under way.
     */
    public void resync() {
        if (loading.get()) {
            return;
        }
        long requested = generation;
        String filter = shownFilter;
        int shown = Math.max(PAGE_SIZE, rows.size());
        executor.submit(() -> agents.page(filter, null, shown), page -> {
            if (requested == generation && !loading.get()) {
                rows.setAll(toRows(page));
                finishLoad(page.size() == shown);
            }
        }, failure -> {
            // The next poll reads it again; a failed background refresh is not worth an error notification.
            LOG.debug("Background refresh of the agents failed; the next poll tries again", failure);
        });
    }

    /** Reads one shown agent again (its last scan moved, say), leaving the rest of the list alone. */
    public void refreshAgent(java.util.UUID agentId) {
        if (rows.stream().noneMatch(r -> r.agent().id().equals(agentId))) {
            return;
        }
        executor.submit(() -> agents.find(agentId), found -> found.ifPresent(agent -> {
            for (int i = 0; i < rows.size(); i++) {
                if (rows.get(i).agent().id().equals(agentId)) {
                    rows.set(i, AgentRow.of(agent, clock));
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

    /** @param more whether the last query filled its page, so that more rows may follow */
    private void finishLoad(boolean more) {
        loading.set(false);
        moreAvailable.set(more);
        long online = rows.stream().filter(r -> r.presence() == org.redflag.console.fleet.Presence.ONLINE).count();
        summary.set(rows.size() + (moreAvailable.get() ? "+" : "") + " agents shown · " + online + " online");
    }

    /** A failure of a load that a newer one replaced neither ends the newer one's loading nor bothers anyone. */
    private void failed(long requested, Throwable failure) {
        if (requested != generation) {
            LOG.debug("A replaced agents load failed", failure);
            return;
        }
        loading.set(false);
        onError.accept(failure);
    }

    public ObservableList<AgentRow> rows() {
        return readOnlyRows;
    }

    public StringProperty searchTextProperty() {
        return searchText;
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty moreAvailableProperty() {
        return moreAvailable.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    public Clock clock() {
        return clock;
    }
}
