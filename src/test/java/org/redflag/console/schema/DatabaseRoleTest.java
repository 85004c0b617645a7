package org.redflag.console.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What the console says about the role it runs as: the status bar, its tooltip, and the refusals. */
class DatabaseRoleTest {

    private final DatabaseRole viewer = new DatabaseRole("alice", List.of(DatabaseRole.VIEWER), false, false, false);
    private final DatabaseRole operator = new DatabaseRole("bob", List.of(DatabaseRole.OPERATOR), true, true, false);
    private final DatabaseRole readsAndCancels = new DatabaseRole("carol", List.of(), false, true, false);

    @Test
    void theStatusBarNamesTheGroupAndWhatItMayNotDo() {
        assertThat(viewer.summary()).isEqualTo("as viewer: read-only");
        assertThat(operator.summary()).isEqualTo("as operator: may not migrate the schema");
        assertThat(readsAndCancels.summary()).isEqualTo("as carol: may not queue or retry commands, or migrate the schema");
        assertThat(new DatabaseRole("postgres", List.of(), true, true, true).summary()).isEqualTo("as postgres: full access");
    }

    @Test
    void theTooltipSaysWhoAndBothWhatItMayAndMayNot() {
        assertThat(viewer.explanation()).isEqualTo("Connected as alice, member of redflag_viewer. This role may read "
                + "the fleet and the history; it may not queue, cancel or retry commands, or migrate the schema.");
        assertThat(operator.explanation()).isEqualTo("Connected as bob, member of redflag_operator. This role may read "
                + "the fleet and the history, queue, cancel and retry commands; it may not migrate the schema.");
    }

    @Test
    void aRefusalIsOneSentenceWithWhatToDoAndNothingIsRefusedThatTheRoleMay() {
        assertThat(viewer.refusal(DatabaseRole.Action.CANCEL)).contains("Your database role (alice, member of "
                + "redflag_viewer) may not cancel commands: an administrator can grant it redflag_operator (`roles --sql` "
                + "has the SQL).");
        assertThat(operator.refusal(DatabaseRole.Action.MIGRATE)).contains("Your database role (bob, member of "
                + "redflag_operator) may not migrate the schema: only the role that owns the console's schema can migrate it.");
        assertThat(readsAndCancels.refusal(DatabaseRole.Action.RETRY)).contains("Your database role (carol) may not "
                + "retry commands: an administrator can grant it redflag_operator (`roles --sql` has the SQL).");
        assertThat(operator.refusal(DatabaseRole.Action.QUEUE)).isEmpty();
        assertThat(DatabaseRole.UNCHECKED.refusal(DatabaseRole.Action.MIGRATE)).isEmpty();
    }
}
