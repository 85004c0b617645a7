package org.redflag.console.ui;

import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * Runs blocking work (database calls) away from the FX thread and hands the outcome back on it.
 * View models depend on this interface so that tests can run them on one thread.
 */
public interface BackgroundExecutor {

    /** Runs {@code work} in the background; exactly one of the callbacks runs afterwards, on the FX thread. */
    <T> void submit(Callable<T> work, Consumer<? super T> onSuccess, Consumer<Throwable> onFailure);

    /**
     * As {@link #submit}, for work that can take minutes: a CSV export, a migration, an audit's replay or repair,
     * opening the database (which may start a server and migrate). It runs apart from page loads, so however
     * much of it there is, a page never waits for a thread.
     */
    default <T> void submitLong(Callable<T> work, Consumer<? super T> onSuccess, Consumer<Throwable> onFailure) {
        submit(work, onSuccess, onFailure);
    }

    /** Runs {@code update} on the FX thread, e.g. progress reported while background work goes on. */
    default void onUiThread(Runnable update) {
        update.run();
    }
}
