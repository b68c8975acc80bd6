package dev.loyalty.engine.pipeline;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The follower's rules for when a snapshot is due, as the restart benchmark applies them too. */
class SnapshotCadenceTest
{
    @Test
    void shouldBeDueAfterNRecordsOrTMillisecondsWithRecordsSince()
    {
        final SnapshotCadence defaults = new SnapshotCadence(new EngineContext(), null, null);
        assertFalse(defaults.due(0, 10_000_000), "no records since the last: never");
        assertFalse(defaults.due(999_999, 599_999));
        assertTrue(defaults.due(1_000_000, 0), "1,000,000 records by default");
        assertTrue(defaults.due(1, 600_000), "600 s by default");
        assertEquals(1_000, defaults.recordsUntilDue(999_000, 4096));
        assertEquals(4096, defaults.recordsUntilDue(0, 4096));
        assertEquals(1, defaults.recordsUntilDue(2_000_000, 4096), "overdue: one at a time");

        final SnapshotCadence off = new SnapshotCadence(
            new EngineContext().snapshotEveryRecords(0).snapshotEveryMillis(0), null, null);
        assertFalse(off.due(Long.MAX_VALUE / 2, Long.MAX_VALUE / 2), "both off: only on request");
        assertEquals(4096, off.recordsUntilDue(5_000_000, 4096));
    }
}
