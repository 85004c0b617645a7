package org.redflag.console.causes;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The one walk down a failure's causes. {@link Throwable#initCause} refuses only a failure as its own cause, so
 * two wrappers can still name each other (A caused by B caused by A); a loop that follows getCause() until null
 * then never ends, on whatever thread explains the failure (the FX thread, for a refused scan). Every search
 * for a root cause or a cause of some kind goes through here, and stops at the first failure it has seen.
 *
 * <p>A leaf of its own, below every layer that explains failures (db, server, migration, errors, ui).
 */
public final class Causes {

    private Causes() {
    }

    /** The failure, then its causes outward in, each once; empty for null. */
    public static List<Throwable> chain(Throwable failure) {
        List<Throwable> chain = new ArrayList<>();
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable t = failure; t != null && seen.add(t); t = causeOf(t)) {
            chain.add(t);
        }
        return chain;
    }

    /** The innermost cause: the failure itself when it has none; in a loop, the last one before it repeats. */
    public static Throwable root(Throwable failure) {
        List<Throwable> chain = chain(failure);
        return chain.isEmpty() ? null : chain.get(chain.size() - 1);
    }

    /** The outermost failure of that kind in the chain. */
    public static <T extends Throwable> Optional<T> find(Throwable failure, Class<T> kind) {
        return chain(failure).stream().filter(kind::isInstance).map(kind::cast).findFirst();
    }

    public static boolean causedBy(Throwable failure, Class<? extends Throwable> kind) {
        return find(failure, kind).isPresent();
    }

    /** The root cause's own words, stripped; its class's simple name when it has none (or cannot say them). */
    public static String rootMessage(Throwable failure) {
        Throwable root = root(failure);
        if (root == null) {
            return "unknown error";
        }
        String message;
        try {
            message = root.getMessage();
        } catch (RuntimeException e) {
            message = null;
        }
        return message == null || message.isBlank() ? root.getClass().getSimpleName() : message.strip();
    }

    // A misbehaving throwable may throw from getCause(); its chain simply ends there.
    private static Throwable causeOf(Throwable failure) {
        try {
            return failure.getCause();
        } catch (RuntimeException e) {
            return null;
        }
    }
}
