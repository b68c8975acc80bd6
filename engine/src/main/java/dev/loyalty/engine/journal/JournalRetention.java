package dev.loyalty.engine.journal;

/**
 * What happens to the journal's cycle files once snapshots cover them. {@code KEEP_ALL}: nothing (the journal is
 * also the full history of every command). {@code DELETE_COVERED}: after each snapshot, cycle files whose every
 * record the oldest kept snapshot covers are deleted; the newest file and any file holding a later record are
 * never deleted, so recovery from any kept snapshot still finds the journal after it.
 */
public enum JournalRetention
{
    KEEP_ALL, DELETE_COVERED
}
