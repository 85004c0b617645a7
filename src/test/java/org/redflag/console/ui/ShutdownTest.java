package org.redflag.console.ui;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The console's shutdown: its own thread, every step tried, and no failure without a log line. */
class ShutdownTest {

    private final ListAppender<ILoggingEvent> log = new ListAppender<>();

    @BeforeEach
    void listen() {
        log.start();
        ((Logger) LoggerFactory.getLogger(Shutdown.class)).addAppender(log);
    }

    @AfterEach
    void stopListening() {
        ((Logger) LoggerFactory.getLogger(Shutdown.class)).detachAppender(log);
    }

    @Test
    void aFailingStepIsLoggedAndTheStepsAfterItStillRun() throws Exception {
        List<String> ran = new CopyOnWriteArrayList<>();

        Thread shutdown = Shutdown.start(List.of(
                new Shutdown.Step("closing the database", () -> {
                    throw new IllegalStateException("the pool refused to close");
                }),
                new Shutdown.Step("exiting", () -> ran.add(Thread.currentThread().getName()))));
        shutdown.join(20_000);

        assertThat(ran).as("the exit still ran, on the shutdown's own thread").containsExactly("console-shutdown");
        assertThat(shutdown.isDaemon()).as("the JVM waits for it").isFalse();
        assertThat(log.list).singleElement().satisfies(event -> {
            assertThat(event.getLevel()).isEqualTo(Level.WARN);
            assertThat(event.getFormattedMessage()).contains("closing the database failed");
            assertThat(event.getThrowableProxy().getMessage()).isEqualTo("the pool refused to close");
        });
    }
}
