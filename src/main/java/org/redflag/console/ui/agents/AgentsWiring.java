package org.redflag.console.ui.agents;

import java.time.Clock;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.application.Platform;
import org.redflag.console.app.ConsoleContext;
import org.redflag.console.errors.ErrorReporter;
import org.redflag.console.history.ConsoleArea;
import org.redflag.console.live.ChangeBus;
import org.redflag.console.ui.BackgroundExecutor;
import org.redflag.console.ui.ClickGuard;
import org.redflag.console.ui.history.HistoryView;

/**
 * The Agents view's wiring: the agents list, its scans and the agent details joined to the services and to live
 * changes, so the window's view catalogue only has to ask for the view (see ui.ConsoleViews).
 */
public final class AgentsWiring {

    private final AgentsViewModel agents;
    private final AgentScansViewModel scans;
    private final Function<UUID, HistoryView> agentHistory;
    private final java.util.Optional<String> scanningOff;

    public AgentsWiring(ConsoleContext context, BackgroundExecutor executor, ErrorReporter errors, Clock clock,
            Consumer<Throwable> onError) {
        ChangeBus changes = context.changes();
        this.scanningOff = context.scans().scanningOff();
        ScanRequests requests = new ScanRequests(context.scans(), executor, errors, clock,
                new ClickGuard<>(clock, ClickGuard.DEFAULT_QUIET_WINDOW), context.health()::isUp);
        AgentDetailViewModel.Factory details = (agentId, hostname) -> {
            AgentDetailViewModel model = new AgentDetailViewModel(agentId, hostname, context.subsystems(),
                    context.commands(), context.scanResults(), requests, executor, onError);
            ChangeBus.Subscription subscription = changes.onChange(Platform::runLater, model::changed);
            model.whenClosed(subscription::close);
            return model;
        };
        this.agentHistory = agentId -> HistoryView.forAgent(context.history(), executor, clock, errors, agentId);
        this.agents = new AgentsViewModel(context.agents(), executor, clock, onError);
        agents.onInputProblem(sentence -> errors.report(ConsoleArea.AGENTS, sentence, null, null));
        this.scans = new AgentScansViewModel(requests, context.commands(), executor, details);
        scans.offer(context.scans().scannableSubsystems());
        changes.onChange(Platform::runLater, notice -> {
            scans.changed(notice);
            if (notice.reloadsEverything()) {
                agents.resync();
            } else if (notice.agentId() != null) {
                agents.refreshAgent(notice.agentId());
            }
        });
    }

    private Runnable afterFirstPage = () -> { };

    /** Work that can wait until the first page is on screen: at start-up it would compete with that page. */
    public void afterFirstPage(Runnable work) {
        this.afterFirstPage = work;
    }

    /** The view, built when the user first opens it. */
    public AgentsView view() {
        AgentsView view = new AgentsView(agents, scans, agentHistory);
        scanningOff.ifPresent(view::showNotice);
        // The first page on screen ends the start-up: its timeline goes to the log (and --startup-report).
        agents.loadingProperty().addListener(new javafx.beans.value.ChangeListener<>() {
            @Override
            public void changed(javafx.beans.value.ObservableValue<? extends Boolean> obs, Boolean was, Boolean now) {
                if (!now) {
                    obs.removeListener(this);
                    Platform.runLater(() -> {
                        org.redflag.console.app.StartupTimeline.finish("first agents shown");
                        // The filters' choices wait for the first page, which they would only slow.
                        agents.loadChoices();
                        afterFirstPage.run();
                        afterFirstPage = () -> { };
                    });
                }
            }
        });
        org.redflag.console.app.StartupTimeline.mark("agents view built");
        agents.reload();
        return view;
    }
}
