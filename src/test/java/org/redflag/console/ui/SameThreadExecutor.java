package org.redflag.console.ui;

import java.util.concurrent.Callable;
import java.util.function.Consumer;

/** Runs the "background" work at once on the caller's thread: view-model tests without an FX thread. */
public final class SameThreadExecutor implements BackgroundExecutor {

    @Override
    public <T> void submit(Callable<T> work, Consumer<? super T> onSuccess, Consumer<Throwable> onFailure) {
        T result;
        try {
            result = work.call();
        } catch (Throwable failure) {
            onFailure.accept(failure);
            return;
        }
        onSuccess.accept(result);
    }
}
