/**
 * The journal: a Chronicle Queue of SBE command records with sequence numbers and checksums.
 * {@link dev.loyalty.engine.journal.Journal} appends, replays and deletes what snapshots cover;
 * {@link dev.loyalty.engine.journal.CommandCodec} turns commands into the schema's SBE messages and back;
 * {@code JournalWalker} reads cycle files straight from their bytes, so that an incomplete document, which
 * Chronicle's own tailer stops at silently, is seen; {@code JournalRecovery} truncates a torn tail at open and
 * refuses other damage naming the file and offset; {@link dev.loyalty.engine.journal.JournalTailer} follows a live
 * journal for the snapshot follower; {@link dev.loyalty.engine.journal.JournalDump} prints and verifies a journal
 * for operators.
 */
package dev.loyalty.engine.journal;
