package org.redflag.console.overview;

/**
 * One slice of the fleet counted by a value (an OS, an agent version): {@code value} is null for the slice
 * that gathers every value beyond the top few ("other").
 */
public record Share(String value, long agents) {

    public boolean isOther() {
        return value == null;
    }
}
