package org.redflag.console.causes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.net.ConnectException;
import java.sql.SQLException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The one walk down a cause chain: each failure once, so a chain that loops still ends. */
class CausesTest {

    @Test
    void aChainIsTheFailureThenItsCausesOutwardIn() {
        ConnectException refused = new ConnectException("Connection refused");
        IOException io = new IOException("socket", refused);
        SQLException sql = new SQLException("connect failed", io);

        assertThat(Causes.chain(sql)).containsExactly(sql, io, refused);
        assertThat(Causes.root(sql)).isSameAs(refused);
        assertThat(Causes.rootMessage(sql)).isEqualTo("Connection refused");
        assertThat(Causes.find(sql, IOException.class)).containsSame(io);
        assertThat(Causes.causedBy(sql, IllegalStateException.class)).isFalse();
    }

    @Test
    void aLoopingChainEndsBeforeTheFirstRepeat() {
        SQLException a = new SQLException("A");
        IllegalStateException b = new IllegalStateException("B");
        a.initCause(b);
        b.initCause(a);

        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            assertThat(Causes.chain(a)).containsExactly(a, b);
            assertThat(Causes.root(a)).isSameAs(b);
            assertThat(Causes.rootMessage(b)).isEqualTo("A");
            assertThat(Causes.find(a, ConnectException.class)).isEmpty();
        });
    }

    @Test
    void aRootWithoutWordsIsNamedByItsKind() {
        assertThat(Causes.rootMessage(new RuntimeException("wrapped", new NullPointerException())))
                .isEqualTo("NullPointerException");
        assertThat(Causes.rootMessage(new IllegalStateException("  padded  "))).isEqualTo("padded");
        assertThat(Causes.chain(null)).isEmpty();
    }

    @Test
    void aCauseThatCannotBeReadEndsTheChain() {
        RuntimeException rude = new RuntimeException("rude") {
            @Override
            public synchronized Throwable getCause() {
                throw new UnsupportedOperationException("no cause for you");
            }
        };

        assertThat(Causes.chain(new IllegalStateException("outer", rude))).hasSize(2);
        assertThat(Causes.rootMessage(rude)).isEqualTo("rude");
    }
}
