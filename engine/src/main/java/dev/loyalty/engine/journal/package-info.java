/**
 * The journal: a Chronicle Queue of SBE command records with sequence numbers and checksums.
 * {@link dev.loyalty.engine.journal.Journal} appends and replays, {@link dev.loyalty.engine.journal.CommandCodec}
 * turns commands into the schema's SBE messages and back, {@link dev.loyalty.engine.journal.JournalDump} prints
 * and verifies a journal for operators.
 */
package dev.loyalty.engine.journal;
