package org.redflag.console.bench;

import java.util.Arrays;
import java.util.Iterator;
import java.util.Optional;
import javax.sql.DataSource;
import org.redflag.console.shapes.RedFlagShape;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * The database the benchmark measures on: the console's own schema, or RedFlag's schema of either generation
 * as RedFlag's own scripts make it, so the figures show the console on the indexes a real server has.
 */
enum BenchShape {

    CONSOLE("console", Optional.empty()),
    REDFLAG_0_1("redflag-0.1", Optional.of(RedFlagShape.V0_1_18)),
    REDFLAG_LATER("redflag-later", Optional.of(RedFlagShape.LATER));

    private final String label;
    private final Optional<RedFlagShape> redFlag;

    BenchShape(String label, Optional<RedFlagShape> redFlag) {
        this.label = label;
        this.redFlag = redFlag;
    }

    String label() {
        return label;
    }

    /** RedFlag's generation, or empty for the console's own schema. */
    Optional<RedFlagShape> redFlag() {
        return redFlag;
    }

    /** What generates and inspects the fleet of this shape on {@code dataSource}. */
    BenchFleet fleet(DataSource dataSource) {
        return redFlag.<BenchFleet>map(shape -> new RedFlagBenchFleet(dataSource, shape))
                .orElseGet(() -> new FleetGenerator(dataSource));
    }

    /** One line for the report's header. */
    String describe() {
        return switch (this) {
            case CONSOLE -> "console (the console's own schema, migrated by Flyway)";
            case REDFLAG_0_1 -> "redflag-0.1 (RedFlag v0.1.18's scripts 001-014 and its own indexes)";
            case REDFLAG_LATER -> "redflag-later (v0.1.18 upgraded in place by the later scripts 015-033, its own indexes)";
        };
    }

    /** picocli: the labels users type, not the constant names. */
    static final class Converter implements ITypeConverter<BenchShape> {
        @Override
        public BenchShape convert(String value) {
            return Arrays.stream(values()).filter(shape -> shape.label.equals(value)).findFirst()
                    .orElseThrow(() -> new TypeConversionException("'" + value
                            + "' is not a shape; use console, redflag-0.1 or redflag-later"));
        }
    }

    /** picocli: the labels for --help and shell completion. */
    static final class Labels implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Arrays.stream(values()).map(BenchShape::label).iterator();
        }
    }
}
