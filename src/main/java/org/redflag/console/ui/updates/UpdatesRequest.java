package org.redflag.console.ui.updates;

import org.redflag.console.ui.ViewRequest;

/** Open the Updates view filtered: {@code severity} ("critical", "important"…) and a package name, each may be null. */
public record UpdatesRequest(String severity, String packageName) implements ViewRequest {

    @Override
    public String view() {
        return "Updates";
    }
}
