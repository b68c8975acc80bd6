/**
 * Snapshots of the business logic's whole state, so that recovery replays only the journal after them.
 * {@link dev.loyalty.engine.snapshot.SnapshotFile} draws the file (a checksummed header and body) and writes it
 * atomically; {@link dev.loyalty.engine.snapshot.SnapshotWriter} and {@link dev.loyalty.engine.snapshot.SnapshotReader}
 * are the primitives every state owner writes and reads its own part with;
 * {@link dev.loyalty.engine.snapshot.SnapshotStore} is the directory of snapshots.
 * <p>
 * <b>Adding state.</b> The owner of new state writes it in its own section ({@code beginSection(id)}, the
 * content, {@code endSection(id)}) from {@code BusinessLogic.writeSnapshot}, reads it back at the same place in
 * {@code BusinessLogic.readSnapshot}, rebuilds what it derives (indexes, lookups) and bumps
 * {@link dev.loyalty.engine.snapshot.SnapshotFile#FORMAT_VERSION}. The round-trip test in the logic package
 * compares the state digest before and after a snapshot at many points of a mixed workload, and the answers
 * of the commands that follow, so state that is left out makes it fail.
 */
package dev.loyalty.engine.snapshot;
