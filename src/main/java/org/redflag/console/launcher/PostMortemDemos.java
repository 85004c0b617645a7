package org.redflag.console.launcher;

import org.redflag.console.app.ConsoleSettings;

import java.io.PrintWriter;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Optional;
import org.redflag.console.db.ConnectionProblem;
import org.redflag.console.db.Database;
import org.redflag.console.demo.PostMortemDemo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Builds the post-mortem demo in its embedded database before the window opens on it (once). */
final class PostMortemDemos {

    private static final Logger LOG = LoggerFactory.getLogger(PostMortemDemos.class);

    private PostMortemDemos() {
    }

    /** @return false when it could not be built; the reason is printed as a sentence */
    static boolean prepare(ConsoleSettings settings, Clock clock, PrintWriter out, PrintWriter err) {
        try (Database database = Database.open(settings.target(), Optional.empty())) {
            out.println("Preparing the post-mortem demo in " + settings.dataDirectory() + "…");
            if (PostMortemDemo.buildIfEmpty(database.dataSource(), clock)) {
                out.println("Built a RedFlag database in the post-mortem's state: open Migrations → Audit.");
            }
            return true;
        } catch (ConnectionProblem | SQLException | RuntimeException e) {
            LOG.error("Could not prepare the post-mortem demo", e);
            err.println("redflag-console: could not prepare the post-mortem demo: " + e.getMessage()
                    + ". The log in the data folder has the details.");
            return false;
        }
    }
}
