package dev.loyalty.tools;

/**
 * The exit codes of the {@code loyalty} command line, for scripts and supervisors. Anything but {@link #OK} means
 * the command did not do what was asked; a supervisor restarts {@code serve} on any of them.
 */
final class ExitCodes
{
    /** Done; for {@code serve}, stopped on request. */
    static final int OK = 0;
    /** Could not start or finish: the port is taken, the data directory is unusable, no journal to read. */
    static final int FAILURE = 1;
    /** A flag or environment variable is wrong (picocli's usage error). */
    static final int USAGE = 2;
    /** The journal has a bad record; the message names its cycle file and index. Nothing was changed. */
    static final int JOURNAL_CORRUPTED = 3;
    /** The engine stopped on an internal error; a restart replays the journal. */
    static final int ENGINE_HALTED = 4;

    private ExitCodes()
    {
    }
}
