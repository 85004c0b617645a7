package org.redflag.console.ui;

import java.util.List;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A list read from the database a page at a time, for every paged view: a reload replaces it with the first
 * page of a query, "more" appends the page after its last row (keyset, never OFFSET), a resync reads again as
 * many rows as it holds. Answers that arrive after a newer reload are dropped, and so are their failures; the
 * next page and a resync go by the query the rows show, never by one being typed. Use it on the FX thread.
 *
 * @param <Q> what the rows match (a search text, a filter)
 * @param <T> a row
 */
public final class KeysetPages<Q, T> {

    private static final Logger LOG = LoggerFactory.getLogger(KeysetPages.class);

    /** Up to {@code limit} rows matching {@code query} that come after {@code after} (null: from the first). */
    public interface Source<Q, T> {
        List<T> page(Q query, T after, int limit) throws Exception;
    }

    private final Source<Q, T> source;
    private final BackgroundExecutor executor;
    private final int pageSize;
    private final Runnable onLoaded;
    private final Consumer<Throwable> onFailure;

    private final ObservableList<T> rows = FXCollections.observableArrayList();
    private final ObservableList<T> readOnlyRows = FXCollections.unmodifiableObservableList(rows);
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(this, "loading");
    private final ReadOnlyBooleanWrapper moreAvailable = new ReadOnlyBooleanWrapper(this, "moreAvailable");
    /** Bumped by every reload, so a slow page that arrives after a newer query is dropped. */
    private long generation;
    private Q shown;

    /**
     * @param onLoaded  after each page or resync landed (the view model's summary)
     * @param onFailure a reload's or next page's failure (a resync's is only logged: the next one tries again)
     */
    public KeysetPages(Source<Q, T> source, BackgroundExecutor executor, int pageSize, Runnable onLoaded,
            Consumer<Throwable> onFailure) {
        this.source = source;
        this.executor = executor;
        this.pageSize = pageSize;
        this.onLoaded = onLoaded;
        this.onFailure = onFailure;
    }

    /** Replaces the rows with the first page of {@code query}. */
    public void reload(Q query) {
        long requested = ++generation;
        loading.set(true);
        executor.submit(() -> source.page(query, null, pageSize), page -> {
            if (requested == generation) {
                shown = query;
                rows.setAll(page);
                finish(page.size() == pageSize);
            }
        }, failure -> failed(requested, failure));
    }

    /** Appends the next page of what is shown, if there may be one and no load is on its way. */
    public void loadMore() {
        if (loading.get() || !moreAvailable.get() || rows.isEmpty()) {
            return;
        }
        long requested = generation;
        Q query = shown;
        T last = rows.get(rows.size() - 1);
        loading.set(true);
        executor.submit(() -> source.page(query, last, pageSize), page -> {
            if (requested == generation) {
                rows.addAll(page);
                finish(page.size() == pageSize);
            }
        }, failure -> failed(requested, failure));
    }

    /** Reads again what is shown, as many rows as are held, in one query; skipped while a load is on its way. */
    public void resync() {
        if (loading.get() || shown == null) {
            return;
        }
        long requested = generation;
        Q query = shown;
        int held = Math.max(pageSize, rows.size());
        executor.submit(() -> source.page(query, null, held), page -> {
            if (requested == generation && !loading.get()) {
                rows.setAll(page);
                finish(page.size() == held);
            }
        }, failure -> LOG.debug("Reading the list again failed; the next change or poll tries again", failure));
    }

    /** Empties the list without a query (the input cannot match anything); a load on its way is dropped. */
    public void clear() {
        generation++;
        rows.clear();
        loading.set(false);
        moreAvailable.set(false);
    }

    /** Replaces one row in place (the same item read again), leaving the rest alone. */
    public void replace(int index, T row) {
        rows.set(index, row);
    }

    /** The query the rows match: null before the first page landed. */
    public Q shown() {
        return shown;
    }

    public ObservableList<T> rows() {
        return readOnlyRows;
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty moreAvailableProperty() {
        return moreAvailable.getReadOnlyProperty();
    }

    private void finish(boolean more) {
        loading.set(false);
        moreAvailable.set(more);
        onLoaded.run();
    }

    private void failed(long requested, Throwable failure) {
        if (requested != generation) {
            LOG.debug("A replaced load failed", failure);
            return;
        }
        loading.set(false);
        onFailure.accept(failure);
    }
}
