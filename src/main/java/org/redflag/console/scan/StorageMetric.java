package org.redflag.console.scan;

import java.math.BigDecimal;
import java.time.Instant;

/** The newest storage_metrics row of one mountpoint. */
public record StorageMetric(
        String mountpoint,
        String device,
        String filesystem,
        long totalBytes,
        long usedBytes,
        long availableBytes,
        BigDecimal usedPercent,
        String severity,
        Instant collectedAt) {
}
