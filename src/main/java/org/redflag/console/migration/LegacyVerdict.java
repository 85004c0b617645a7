package org.redflag.console.migration;

import java.util.List;

/**
 * The audit's answer for one RedFlag migration that is recorded or has left something behind.
 *
 * @param files   the recorded file names with this version (empty when it is not recorded)
 * @param verdict "effects present", "FALSE COMPLETE", "not recorded", "not checked"
 */
public record LegacyVerdict(String version, List<String> files, String verdict) {

    public LegacyVerdict {
        files = List.copyOf(files);
    }
}
