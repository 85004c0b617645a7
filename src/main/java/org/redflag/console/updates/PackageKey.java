package org.redflag.console.updates;

/** One group of the Updates view: a package of a package manager at one severity, pending on some agents. */
public record PackageKey(String packageType, String name, String severity) {
}
