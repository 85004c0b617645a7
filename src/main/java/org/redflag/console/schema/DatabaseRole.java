package org.redflag.console.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Who the console is connected as, and what that role may do to the fleet, read from the catalog's privileges
 * when the database is opened: a view disables what the role may not do, with {@link #refusal} as its reason,
 * and the services refuse it with the same sentence, instead of letting PostgreSQL answer "permission denied".
 *
 * @param user              the session's role (current_user)
 * @param consoleGroups     which of the console's group roles it is a member of ({@link #OPERATOR}, {@link #VIEWER})
 * @param mayQueueCommands  INSERT on agent_commands: scans and retries
 * @param mayChangeCommands UPDATE of a command's status, end time and result: cancels (and the timeout sweep)
 * @param mayMigrate        CREATE in the schema and the rights of its owner: Flyway's migrate
 * @param readOnlyProfile   the read-only connection profile this session was opened through, if any: whatever
 *                          the catalog grants, it may do none of the actions
 */
public record DatabaseRole(String user, List<String> consoleGroups, boolean mayQueueCommands,
        boolean mayChangeCommands, boolean mayMigrate, Optional<String> readOnlyProfile) {

    /** The console's group roles, made by {@code console-roles.sql}. */
    public static final String OPERATOR = "redflag_operator";
    public static final String VIEWER = "redflag_viewer";

    /** Where no catalog was read (tools and tests that build their own services): nothing is held back. */
    public static final DatabaseRole UNCHECKED = new DatabaseRole("", List.of(), true, true, true);

    /** What a role may or may not do, in the words of the sentence that refuses it. */
    public enum Action {
        QUEUE("queue", "commands"),
        CANCEL("cancel", "commands"),
        RETRY("retry", "commands"),
        MIGRATE("migrate", "the schema");

        private final String verb;
        private final String object;

        Action(String verb, String object) {
            this.verb = verb;
            this.object = object;
        }
    }

    public DatabaseRole {
        consoleGroups = List.copyOf(consoleGroups);
    }

    /** As the catalog grants it, with no profile holding it back. */
    public DatabaseRole(String user, List<String> consoleGroups, boolean mayQueueCommands, boolean mayChangeCommands,
            boolean mayMigrate) {
        this(user, consoleGroups, mayQueueCommands, mayChangeCommands, mayMigrate, Optional.empty());
    }

    /** The same role, held to reading by the read-only profile of that name. */
    public DatabaseRole readOnlyUnder(String profile) {
        return new DatabaseRole(user, consoleGroups, mayQueueCommands, mayChangeCommands, mayMigrate,
                Optional.of(profile));
    }

    /**
     * The read-only profile's sentence, or empty. Checked before anything else grants an action (a RedFlag
     * server that queues scans for the console, say), since the profile is the user's own "hands off".
     */
    public Optional<String> profileRefusal() {
        return readOnlyProfile.map(name -> "This connection's profile (" + name + ") is read-only.");
    }

    public boolean may(Action action) {
        if (readOnlyProfile.isPresent()) {
            return false;
        }
        return switch (action) {
            case QUEUE, RETRY -> mayQueueCommands;
            case CANCEL -> mayChangeCommands;
            case MIGRATE -> mayMigrate;
        };
    }

    /**
     * Why this role may not do it, in one sentence with what to do about it ("Your database role (alice,
     * member of redflag_viewer) may not queue commands: …"), or empty when it may.
     */
    public Optional<String> refusal(Action action) {
        if (may(action)) {
            return Optional.empty();
        }
        if (readOnlyProfile.isPresent()) {
            return profileRefusal();
        }
        String remedy = action == Action.MIGRATE
                ? "only the role that owns the console's schema can migrate it."
                : "an administrator can grant it " + OPERATOR + " (`roles --sql` has the SQL).";
        return Optional.of("Your database role (" + who() + ") may not " + words(List.of(action)) + ": " + remedy);
    }

    /** For the status bar: "as viewer: read-only", "as operator: may not migrate", "as postgres: full access". */
    public String summary() {
        List<Action> mayNot = mayNot();
        String what = mayNot.isEmpty() ? "full access"
                : mayNot.size() == Action.values().length ? "read-only" : "may not " + words(mayNot);
        return "as " + shortName() + ": " + what;
    }

    /** The summary in full, for the status bar's tooltip. */
    public String explanation() {
        List<Action> mayNot = mayNot();
        if (readOnlyProfile.isPresent()) {
            return "Connected as " + who() + " through the read-only profile " + readOnlyProfile.get()
                    + ": the console reads the fleet and the history and changes nothing.";
        }
        return "Connected as " + who() + ". " + (mayNot.isEmpty()
                ? "This role may read the fleet and the history, queue, cancel and retry commands, and migrate."
                : "This role may read the fleet and the history"
                        + (mayQueueCommands || mayChangeCommands ? ", " + mayDo() : "")
                        + "; it may not " + words(mayNot) + ".");
    }

    /** "alice, member of redflag_viewer", or just "alice" outside the console's groups. */
    private String who() {
        return consoleGroups.isEmpty() ? user : user + ", member of " + String.join(" and ", consoleGroups);
    }

    /** The group's short name ("viewer") for a member of one group, else the role's own name. */
    private String shortName() {
        return consoleGroups.size() == 1 ? consoleGroups.get(0).replaceFirst("^redflag_", "") : user;
    }

    private String mayDo() {
        return mayQueueCommands && mayChangeCommands ? "queue, cancel and retry commands"
                : mayQueueCommands ? "queue and retry commands" : "cancel commands";
    }

    private List<Action> mayNot() {
        return java.util.Arrays.stream(Action.values()).filter(action -> !may(action)).toList();
    }

    /** "queue, cancel or retry commands, or migrate the schema": verbs of one object share it. */
    private static String words(List<Action> actions) {
        java.util.Map<String, List<String>> verbs = new java.util.LinkedHashMap<>();
        actions.forEach(a -> verbs.computeIfAbsent(a.object, o -> new ArrayList<>()).add(a.verb));
        List<String> phrases = new ArrayList<>();
        verbs.forEach((object, of) -> phrases.add(or(of) + " " + object));
        return phrases.size() == 1 ? phrases.get(0) : String.join(", ", phrases.subList(0, phrases.size() - 1))
                + ", or " + phrases.get(phrases.size() - 1);
    }

    private static String or(List<String> words) {
        return words.size() == 1 ? words.get(0)
                : String.join(", ", words.subList(0, words.size() - 1)) + " or " + words.get(words.size() - 1);
    }
}
