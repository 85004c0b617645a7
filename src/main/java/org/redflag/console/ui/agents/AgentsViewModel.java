package org.redflag.console.ui.agents;

import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.ObservableList;
import org.redflag.console.fleet.Agent;
import org.redflag.console.fleet.AgentFilter;
import org.redflag.console.fleet.AgentOrder;
import org.redflag.console.fleet.AgentQuery;
import org.redflag.console.fleet.AgentRepository;
import org.redflag.console.fleet.Presence;
import org.redflag.console.ui.BackgroundExecutor;
import org.redflag.console.ui.KeysetPages;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Agents view's state: one growing list of pages from the database (keyset on the chosen order's key and id),
 * filtered in SQL by the search text and the filters. A reload replaces the list; "more" appends the next page.
 */
public final class AgentsViewModel {

    private static final Logger LOG = LoggerFactory.getLogger(AgentsViewModel.class);

    static final int PAGE_SIZE = 200;
    /** A count that takes longer is not worth the wait: the summary says "200+" instead. */
    static final int COUNT_TIMEOUT_SECONDS = 2;

    private final AgentRepository agents;
    private final BackgroundExecutor executor;
    private final Clock clock;
    private final KeysetPages<AgentQuery, AgentRow> pages;
    private final AgentFilters filters = new AgentFilters(this::reload);
    private final ReadOnlyObjectWrapper<AgentOrder> order =
            new ReadOnlyObjectWrapper<>(this, "order", AgentOrder.BY_HOSTNAME);
    private final ReadOnlyBooleanWrapper narrowed = new ReadOnlyBooleanWrapper(this, "narrowed");
    /** The filter whose count is asked for or known, and the count (null while asked for, or too slow). */
    private AgentFilter counting;
    private Long counted;

    private final StringProperty searchText = new SimpleStringProperty(this, "searchText", "");
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(this, "summary", "");
    private Consumer<String> onInputProblem;

    public AgentsViewModel(AgentRepository agents, BackgroundExecutor executor, Clock clock, Consumer<Throwable> onError) {
        this.agents = agents;
        this.executor = executor;
        this.clock = clock;
        this.pages = new KeysetPages<>((query, after, limit) -> toRows(agents.page(query,
                after == null ? null : AgentRepository.OrderKey.after(after.agent(), query.order().by()), limit,
                clock.instant())), executor, PAGE_SIZE, this::summarise, onError);
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
        counting = null;
        pages.reload(new AgentQuery(filters.filter(filter), order.get()));
    }

    /** Orders the list by a column, either way, in the database, from the first page again. */
    public void sortBy(AgentOrder wanted) {
        AgentOrder next = wanted == null ? AgentOrder.BY_HOSTNAME : wanted;
        if (!next.equals(order.get())) {
            order.set(next);
            reload();
        }
    }

    /** Opens the list as another view asks: its filters set, the search cleared, from the first page. */
    public void open(AgentsRequest request) {
        searchText.set("");
        filters.apply(request);
        reload();
    }

    /** Reads the filters' choices (the fleet's OS types and versions) from the database, one grouped query each. */
    public void loadChoices() {
        executor.submit(() -> List.of(agents.osChoices(), agents.versionChoices()),
                found -> filters.offer(found.get(0), found.get(1)),
                failure -> LOG.debug("Could not read the filters' choices; the next refresh tries again", failure));
    }

    /** Whether the reboot filter means anything here (RedFlag's first generation does not record it). */
    public boolean knowsReboot() {
        return agents.knowsReboot();
    }

    /**
     * The search the rows on screen match. The search box changes at each keystroke, the rows only after the
     * pause: the next page, a resync and "Scan all matching" go by what is shown, never by a half-typed search.
     */
    public String shownFilter() {
        return pages.shown() == null ? "" : pages.shown().filter().search();
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
        counting = null;
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

    /**
     * "12 agents shown" when the list holds them all; with more to load, "200 of 1,234 agents shown" once the
     * count (of the filter shown, in one query, asked only then) is in, "200+" until then or when it is too slow.
     */
    private void summarise() {
        List<AgentRow> rows = pages.rows();
        AgentFilter shown = pages.shown() == null ? AgentFilter.all() : pages.shown().filter();
        narrowed.set(shown.narrowsBeyondSearch());
        boolean more = pages.moreAvailableProperty().get();
        if (more && !shown.equals(counting)) {
            count(shown);
        }
        long online = rows.stream().filter(r -> r.presence() == Presence.ONLINE).count();
        String shownCount = !more ? String.valueOf(rows.size())
                : counted != null && shown.equals(counting) ? String.format("%,d of %,d", rows.size(), counted)
                : rows.size() + "+";
        summary.set(shownCount + " agents shown · " + online + " online");
    }

    private void count(AgentFilter filter) {
        counting = filter;
        counted = null;
        executor.submit(() -> agents.count(filter, clock.instant(), COUNT_TIMEOUT_SECONDS), total -> {
            if (filter.equals(counting)) {
                counted = total.orElse(null);
                summarise();
            }
        }, failure -> LOG.debug("Could not count the agents; the summary says \"+\" instead", failure));
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

    AgentFilters filters() {
        return filters;
    }

    /** The order the list is in (or, during a reload, will be). */
    public ReadOnlyObjectProperty<AgentOrder> orderProperty() {
        return order.getReadOnlyProperty();
    }

    /** Whether the rows shown are narrowed by more than the search (what "Scan all matching" cannot follow). */
    public ReadOnlyBooleanProperty narrowedProperty() {
        return narrowed.getReadOnlyProperty();
    }

    public Clock clock() {
        return clock;
    }
}
