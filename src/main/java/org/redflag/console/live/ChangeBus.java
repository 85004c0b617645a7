package org.redflag.console.live;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * Hands database changes and the listener's mode to whoever shows them. Each subscriber says where it wants
 * to be called (the FX thread, for a view model), so nothing here knows about JavaFX.
 */
public final class ChangeBus {

    /** Stops a subscription. */
    public interface Subscription extends AutoCloseable {
        @Override
        void close();
    }

    private record Subscriber<T>(Executor deliverOn, Consumer<T> consumer) {
        void deliver(T value) {
            deliverOn.execute(() -> consumer.accept(value));
        }
    }

    private final List<Subscriber<ChangeNotice>> changeSubscribers = new CopyOnWriteArrayList<>();
    private final List<Subscriber<LiveChanges.Mode>> modeSubscribers = new CopyOnWriteArrayList<>();
    private volatile LiveChanges.Mode mode = LiveChanges.Mode.POLLING;

    public Subscription onChange(Executor deliverOn, Consumer<ChangeNotice> consumer) {
        Subscriber<ChangeNotice> subscriber = new Subscriber<>(deliverOn, consumer);
        changeSubscribers.add(subscriber);
        return () -> changeSubscribers.remove(subscriber);
    }

    /** Called at once with the current mode, then on every change of it. */
    public Subscription onMode(Executor deliverOn, Consumer<LiveChanges.Mode> consumer) {
        Subscriber<LiveChanges.Mode> subscriber = new Subscriber<>(deliverOn, consumer);
        modeSubscribers.add(subscriber);
        subscriber.deliver(mode);
        return () -> modeSubscribers.remove(subscriber);
    }

    public void publish(ChangeNotice notice) {
        changeSubscribers.forEach(s -> s.deliver(notice));
    }

    void setMode(LiveChanges.Mode newMode) {
        if (mode != newMode) {
            mode = newMode;
            modeSubscribers.forEach(s -> s.deliver(newMode));
        }
    }

    public LiveChanges.Mode mode() {
        return mode;
    }
}
