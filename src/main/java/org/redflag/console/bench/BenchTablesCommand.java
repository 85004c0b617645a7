package org.redflag.console.bench;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.redflag.console.cli.CliErrors;
import org.redflag.console.cli.ExitCodes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code bench-tables REPORT.json [--readme README.md]}: the README's benchmark tables from a bench --json report. */
@Command(name = "bench-tables", mixinStandardHelpOptions = true,
        description = {"Print the benchmark's Markdown tables made from a `bench --json` report; with --readme, write "
                + "them into that file between the lines " + BenchTablesCommand.BEGIN + " and " + BenchTablesCommand.END
                + ", so the README shows what a run measured."})
public final class BenchTablesCommand implements Callable<Integer> {

    static final String BEGIN = "<!-- bench-tables:begin -->";
    static final String END = "<!-- bench-tables:end -->";

    @Parameters(index = "0", paramLabel = "REPORT.json", description = "A report written by bench --json.")
    Path report;

    @Option(names = "--readme", paramLabel = "FILE", description = "Replace the tables between the markers in FILE.")
    Path readme;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        String markdown;
        try {
            Map<String, Object> parsed = JSON.std.mapFrom(Files.readString(report, StandardCharsets.UTF_8));
            if (!parsed.containsKey("queries")) {
                return CliErrors.print(spec, report + " is JSON but not a bench report (it has no \"queries\"); "
                        + "write one with `bench --json FILE`.");
            }
            markdown = new ReadmeTables(parsed).markdown();
        } catch (IOException e) {
            return CliErrors.print(spec, "Could not read the bench report " + report + ": " + e.getMessage());
        }
        if (readme == null) {
            spec.commandLine().getOut().print(markdown);
            spec.commandLine().getOut().flush();
            return ExitCodes.OK;
        }
        try {
            String text = Files.readString(readme, StandardCharsets.UTF_8);
            int begin = text.indexOf(BEGIN);
            int end = text.indexOf(END);
            if (begin < 0 || end < begin) {
                return CliErrors.print(spec, readme + " has no " + BEGIN + " … " + END + " section to replace.");
            }
            String updated = text.substring(0, begin + BEGIN.length()) + "\n" + markdown + text.substring(end);
            Path partial = readme.resolveSibling(readme.getFileName() + ".partial");
            Files.writeString(partial, updated, StandardCharsets.UTF_8);
            Files.move(partial, readme, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            spec.commandLine().getOut().println("The benchmark tables in " + readme + " now show " + report + ".");
            return ExitCodes.OK;
        } catch (IOException e) {
            return CliErrors.print(spec, "Could not update " + readme + ": " + e.getMessage());
        }
    }
}
