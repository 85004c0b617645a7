package org.redflag.console.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The one paging helper every list uses: pages after the last row, of the query shown, and a resync of all. */
class KeysetPagesTest {

    /** Numbers 0..249 whose text contains the query, in order: a keyset source without a database. */
    private static List<Integer> page(String query, Integer after, int limit) {
        return IntStream.range(0, 250).boxed().filter(n -> String.valueOf(n).contains(query))
                .filter(n -> after == null || n > after).limit(limit).toList();
    }

    @Test
    void pagesFollowTheLastRowOfTheQueryShownAndAResyncReadsAsManyAsAreHeld() {
        List<Integer> loads = new ArrayList<>();
        KeysetPages<String, Integer> pages = new KeysetPages<>((q, after, limit) -> {
            loads.add(limit);
            return page(q, after, limit);
        }, new SameThreadExecutor(), 100, () -> { }, failure -> { });

        pages.reload("");
        assertThat(pages.rows()).hasSize(100).startsWith(0, 1);
        assertThat(pages.moreAvailableProperty().get()).isTrue();
        pages.loadMore();
        pages.loadMore();
        assertThat(pages.rows()).hasSize(250).endsWith(249);
        assertThat(pages.moreAvailableProperty().get()).isFalse();

        pages.resync();
        assertThat(loads).last().isEqualTo(250);
        assertThat(pages.rows()).hasSize(250);

        pages.reload("7");
        assertThat(pages.shown()).isEqualTo("7");
        assertThat(pages.rows()).allMatch(n -> String.valueOf(n).contains("7"));
    }

    @Test
    void aFailureGoesToTheCallerAndEndsTheLoad() {
        List<Throwable> failures = new ArrayList<>();
        KeysetPages<String, Integer> pages = new KeysetPages<>((q, after, limit) -> {
            throw new IllegalStateException("the database went away");
        }, new SameThreadExecutor(), 100, () -> { }, failures::add);

        pages.reload("");

        assertThat(failures).singleElement().extracting(Throwable::getMessage).isEqualTo("the database went away");
        assertThat(pages.loadingProperty().get()).isFalse();
        assertThat(pages.rows()).isEmpty();
    }
}
