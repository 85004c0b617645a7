package org.redflag.console.schema;

/** What a database is, judged from its catalog. */
public enum SchemaKind {
    /** The console's own Flyway-managed schema (the embedded demo, or a database the console created). */
    CONSOLE,
    /** A RedFlag server's database: RedFlag's tables, migrated by RedFlag's own runner. */
    REDFLAG,
    /** No tables at all: the console may create its own schema here. */
    EMPTY,
    /** Tables that are neither ours nor RedFlag's: the console reads nothing and writes nothing. */
    UNKNOWN
}
