package org.redflag.console.ui;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import javafx.application.Platform;

/**
 * Daemon threads for database work; results return through Platform.runLater. Page loads and long work have
 * pools of their own: with one pool, four CSV exports (or a migration and an audit) took every thread, and
 * every page of every view waited for one of them to finish.
 */
public final class FxBackgroundExecutor implements BackgroundExecutor, AutoCloseable {

    private static final int PAGE_THREADS = 4;
    // Long work waits behind long work; two at once is already more than a 2-core machine runs well.
    private static final int LONG_WORK_THREADS = 2;

    private final ExecutorService pages;
    private final ExecutorService longWork;

    public FxBackgroundExecutor() {
        this.pages = pool(PAGE_THREADS, "console-db-");
        this.longWork = pool(LONG_WORK_THREADS, "console-long-");
    }

    private static ExecutorService pool(int threads, String prefix) {
        AtomicInteger counter = new AtomicInteger();
        return Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, prefix + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public <T> void submit(Callable<T> work, Consumer<? super T> onSuccess, Consumer<Throwable> onFailure) {
        run(pages, work, onSuccess, onFailure);
    }

    @Override
    public <T> void submitLong(Callable<T> work, Consumer<? super T> onSuccess, Consumer<Throwable> onFailure) {
        run(longWork, work, onSuccess, onFailure);
    }

    private static <T> void run(ExecutorService pool, Callable<T> work, Consumer<? super T> onSuccess,
            Consumer<Throwable> onFailure) {
        pool.execute(() -> {
            try {
                T result = work.call();
                Platform.runLater(() -> onSuccess.accept(result));
            } catch (Throwable failure) {
                Platform.runLater(() -> onFailure.accept(failure));
            }
        });
    }

    @Override
    public void onUiThread(Runnable update) {
        Platform.runLater(update);
    }

    @Override
    public void close() {
        pages.shutdown();
        longWork.shutdown();
        try {
            pages.awaitTermination(5, TimeUnit.SECONDS);
            longWork.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
