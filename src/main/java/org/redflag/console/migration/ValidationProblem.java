package org.redflag.console.migration;

/**
 * One thing Flyway's validation found, said in words.
 *
 * @param migration "V2 (one active scan per agent and type)", or empty for a problem with no one migration
 * @param kind      Flyway's error code, e.g. CHECKSUM_MISMATCH, for scripts that match on it
 */
public record ValidationProblem(String migration, String kind, String sentence) {
}
